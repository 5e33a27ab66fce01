import CertAPI

/// A warning the server attached to an entry or a described certificate.
///
/// Isolation: a plain value.
struct WarningJSON: Encodable {
    var code: String
    var message: String

    init(_ warning: CertificateWarning) {
        self.code = warning.code
        self.message = warning.message
    }
}
