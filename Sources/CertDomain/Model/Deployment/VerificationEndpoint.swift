/// A TLS endpoint that should serve a deployed certificate: certd connects after deploying and
/// compares the served leaf with the deployed one.
///
/// Invariant: `host` is non-empty without spaces; `port` is 1...65535; `serverName` is the SNI to
/// send (empty: none).
public struct VerificationEndpoint: Sendable, Hashable, Codable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var serverName: String

    public init(host: String, port: Int, serverName: String = "") {
        self.host = host
        self.port = port
        self.serverName = serverName
    }

    public var description: String {
        self.host.contains(":") ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)"
    }
}
