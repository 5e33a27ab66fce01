import Foundation

/// Where certctl looks for the server address and credentials when no flag or variable names them.
///
/// Role: mirrors the file names of certd's data directory (CertServer's `DataDirectory`, which
/// certctl must not import) and its default location: `$CERTD_DATA`, else `$XDG_DATA_HOME/certd`,
/// else `~/.local/share/certd`. Keep the names in sync with
/// Sources/CertServer/Configuration/DataDirectory.swift.
/// Isolation: a namespace of pure functions over the environment.
enum DefaultCredentials {
    /// The address certd listens on by default.
    static let server = "127.0.0.1:7443"
    /// `DataDirectory.caCertificate`.
    static let caFileName = "ca.pem"
    /// `DataDirectory.adminCertificate`.
    static let certificateFileName = "admin.pem"
    /// `DataDirectory.adminKey`.
    static let keyFileName = "admin-key.pem"

    /// The default data directory for an environment.
    /// - Parameter environment: usually `ProcessInfo.processInfo.environment`.
    /// - Returns: the directory path, without a trailing slash.
    static func dataDirectory(environment: [String: String]) -> String {
        if let path = environment["CERTD_DATA"], !path.isEmpty { return path }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/certd" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/certd"
    }
}
