import CertServer
import Foundation

/// The few lines certd prints after initialising a data directory.
///
/// Role: tells a newcomer where the identities are and the exact `certctl` command to try; when
/// the data directory is not the default one, the command carries `CERTD_DATA=...` so certctl
/// finds the admin credentials.
/// Isolation: a namespace.
enum FirstStartSummary {
    static func print(configuration: ServerConfiguration, server: ListenAddress) {
        let directory = DataDirectory(path: configuration.dataDirectory)
        let environment = ProcessInfo.processInfo.environment
        let defaultDirectory = try? ServerConfiguration.defaultDataDirectory(environment: environment)
        let prefix = defaultDirectory == configuration.dataDirectory ? "" : "CERTD_DATA=\(directory.path) "
        var connect = server
        if connect.host == "0.0.0.0" || connect.host == "::" { connect.host = "127.0.0.1" }
        Console.out(
            """
            certd: initialised \(directory.path)
              service CA:        \(directory.caCertificate)
              server identity:   \(directory.serverCertificate) (localhost, 127.0.0.1, ::1)
              admin credentials: \(directory.adminCertificate), \(directory.adminKey)
              master key:        \(configuration.masterKeyFile) (back it up: without it stored keys cannot be opened)
            try: \(prefix)certctl --server \(connect) account list
            """)
    }
}
