/// The version certd reports in `certd version`, `--version` and Health/Check.
///
/// Role: one constant so the command line and the wire agree.
/// Isolation: a namespace of constants.
enum CertdVersion {
    /// The release version.
    static let current = "0.1.0"
    /// What `certd version` prints.
    static let banner = "certd \(current) (API v1, protocol certd/1 over TLS 1.2+)"
}
