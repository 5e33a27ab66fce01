/// A `HOST:PORT` pair as given to `--server` (IPv6 literals in brackets: `[::1]:7443`).
///
/// Role: the parsed form of the server flag; the host is also the name checked in the server's
/// certificate.
/// Invariant: `host` is not empty; `port` is in 1...65535.
/// Isolation: a plain value.
struct ServerAddress: Equatable {
    var host: String
    var port: Int

    /// Parses `HOST:PORT`.
    /// - Parameter text: e.g. `127.0.0.1:7443`, `certd.example.com:7443`, `[::1]:7443`.
    /// - Throws: ``CertctlError/invalidArgument(_:)`` when the text is not a host and a port.
    init(parsing text: String) throws(CertctlError) {
        guard let colon = text.lastIndex(of: ":") else {
            throw .invalidArgument("--server \(text): expected HOST:PORT, e.g. 127.0.0.1:7443")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(text[text.index(after: colon)...]), (1...65_535).contains(port) else {
            throw .invalidArgument("--server \(text): expected HOST:PORT with a port from 1 to 65535")
        }
        self.host = host
        self.port = port
    }
}
