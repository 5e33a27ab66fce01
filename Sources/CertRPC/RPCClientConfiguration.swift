public import CertTLS
public import CertWire

/// Where an ``RPCClient`` connects and how it behaves.
///
/// Role: the value certctl and certload build from flags.
/// Invariants: `connections >= 1`; calls are spread round-robin over that many connections.
public struct RPCClientConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Client TLS: client certificate and key, the CA the server must chain to, the server name.
    public var tls: TLSConfiguration
    /// How many connections to spread calls over.
    public var connections: Int
    /// How long connecting (TCP + TLS handshake) may take.
    public var connectTimeout: Duration
    /// Idle keep-alive: a ping every interval; a connection whose previous ping went unanswered by
    /// the next one is closed. `nil` turns keep-alive off.
    public var keepAliveInterval: Duration?
    /// Largest frame (header + body) sent or accepted; 4 MiB by default.
    public var maxFrameLength: Int

    public init(
        host: String,
        port: Int,
        tls: TLSConfiguration,
        connections: Int = 1,
        connectTimeout: Duration = .seconds(5),
        keepAliveInterval: Duration? = .seconds(30),
        maxFrameLength: Int = FrameHeader.defaultMaxFrameLength
    ) {
        precondition(connections >= 1, "an RPC client needs at least one connection")
        self.host = host
        self.port = port
        self.tls = tls
        self.connections = connections
        self.connectTimeout = connectTimeout
        self.keepAliveInterval = keepAliveInterval
        self.maxFrameLength = maxFrameLength
    }
}
