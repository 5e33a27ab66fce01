public import CertTLS
public import CertWire

/// How an ``RPCServer`` listens and what it tolerates.
///
/// Role: the value certd builds from its configuration file and flags.
/// Invariants: `maxFrameLength` bounds every inbound length prefix (refused before buffering);
/// `maxConnections` and `maxCallsInFlightPerConnection` of `nil` mean unlimited.
public struct RPCServerConfiguration: Sendable {
    /// Host to bind (`127.0.0.1`, `0.0.0.0`, `::1`, ...).
    public var host: String
    /// Port to bind; 0 picks a free one (see ``RPCServer/localAddress``).
    public var port: Int
    /// Server TLS: certificate, key, and the CA client certificates must chain to.
    public var tls: TLSConfiguration
    /// Largest frame (header + body) accepted and sent; 4 MiB by default.
    public var maxFrameLength: Int
    /// Connections beyond this are closed right after accept.
    public var maxConnections: Int?
    /// Calls beyond this on one connection are answered `resourceExhausted` at once.
    public var maxCallsInFlightPerConnection: Int?
    /// How long a graceful shutdown waits for calls in flight before closing connections anyway.
    public var drainTimeout: Duration
    /// `true` (default): each handler starts with `Task.immediate` on the connection's event loop
    /// and runs there until its first suspension, so a handler that answers without suspending
    /// costs no thread hop (measured: about twice the RPC/s of a plain `Task`). The price: the
    /// synchronous part before a handler's first `await` blocks that event loop, so handlers
    /// must not do heavy CPU work before awaiting (hand it to an actor or task instead).
    /// `false`: every handler starts as a plain `Task` on the global executor.
    public var startsHandlersOnEventLoop: Bool = true
    /// With ``startsHandlersOnEventLoop``: the methods that start on the event loop; `nil`: all.
    /// Every other method starts as a plain `Task` on the task pool, so its synchronous work
    /// (parsing, key generation, signing) never holds the loop that carries this connection's
    /// other calls and the other connections on that loop. List the cheap, non-suspending reads
    /// here; a method missing from the list only pays one thread hop.
    public var inlineMethodIDs: Set<UInt32>? = nil

    public init(
        host: String,
        port: Int,
        tls: TLSConfiguration,
        maxFrameLength: Int = FrameHeader.defaultMaxFrameLength,
        maxConnections: Int? = nil,
        maxCallsInFlightPerConnection: Int? = 1024,
        drainTimeout: Duration = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.maxFrameLength = maxFrameLength
        self.maxConnections = maxConnections
        self.maxCallsInFlightPerConnection = maxCallsInFlightPerConnection
        self.drainTimeout = drainTimeout
    }
}
