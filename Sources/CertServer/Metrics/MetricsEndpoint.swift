public import CertDomain
public import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
public import ServiceLifecycle

/// certd's optional Prometheus endpoint: plain HTTP/1.1 on a loopback address, `GET /metrics`.
///
/// Role: a `ServiceLifecycle.Service` that `certd serve --metrics HOST:PORT` runs beside the RPC
/// server. Binding happens in ``bind(address:exposition:logger:)``, before the service group starts,
/// so a taken port or a refused address fails the start with a clear error.
/// Invariants: listens only on loopback (``requireLoopback(_:)``); answers `GET /metrics` with 200,
/// any other path with 404 and other methods with 405; never sends store errors' details.
/// Isolation: `Sendable`; each connection is served by its own child task.
public final class MetricsEndpoint: Service, Sendable {
    /// The bound port (the real one when 0 was asked for).
    public let port: Int
    private let listener: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
    private let exposition: MetricsExposition
    private let logger: Logger

    private init(
        port: Int,
        listener: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>,
        exposition: MetricsExposition, logger: Logger
    ) {
        self.port = port
        self.listener = listener
        self.exposition = exposition
        self.logger = logger
    }

    /// Checks that `address` is a loopback address: `127.0.0.0/8`, `::1` or `localhost`.
    /// - Throws: ``ConfigurationError/invalidValue(setting:value:expected:)`` otherwise.
    public static func requireLoopback(_ address: ListenAddress) throws(ConfigurationError) {
        let host = address.host.lowercased()
        let isLoopback =
            host == "localhost" || host == "::1"
            || (host.hasPrefix("127.") && host.split(separator: ".").count == 4
                && host.split(separator: ".").allSatisfy { UInt8($0) != nil })
        guard isLoopback else {
            throw .invalidValue(
                setting: "metrics", value: "\(address)",
                expected: "a loopback address such as 127.0.0.1:9464 (the metrics endpoint has no authentication)")
        }
    }

    /// Binds the endpoint.
    /// - Parameters:
    ///   - address: a loopback address; port 0 picks a free one.
    ///   - exposition: renders the metrics.
    ///   - logger: for failed scrapes.
    /// - Returns: the bound endpoint, to run in the service group.
    /// - Throws: ``ConfigurationError`` for a non-loopback address, or the bind error.
    public static func bind(address: ListenAddress, exposition: MetricsExposition, logger: Logger) async throws
        -> MetricsEndpoint
    {
        try Self.requireLoopback(address)
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: address.host, port: address.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        let port = listener.channel.localAddress?.port ?? address.port
        return MetricsEndpoint(port: port, listener: listener, exposition: exposition, logger: logger)
    }

    /// Serves scrapes until graceful shutdown or cancellation.
    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingDiscardingTaskGroup { group in
                    try await self.listener.executeThenClose { connections in
                        for try await connection in connections {
                            group.addTask { await self.serve(connection) }
                        }
                    }
                }
            }
        } catch is CancellationError {
            // Graceful shutdown cancels the accept loop: that is how this service stops.
        }
    }

    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                for try await part in inbound {
                    switch part {
                    case .head(let requestHead):
                        head = requestHead
                    case .body:
                        break
                    case .end:
                        guard let request = head else { return }
                        let (status, body) = self.respond(to: request)
                        var headers = HTTPHeaders()
                        headers.add(
                            name: "Content-Type",
                            value: status == .ok ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain")
                        headers.add(name: "Content-Length", value: String(body.count))
                        if !request.isKeepAlive { headers.add(name: "Connection", value: "close") }
                        try await outbound.write(
                            .head(HTTPResponseHead(version: request.version, status: status, headers: headers)))
                        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
                        try await outbound.write(.end(nil))
                        if !request.isKeepAlive { return }
                        head = nil
                    }
                }
            }
        } catch {
            self.logger.debug("metrics connection ended", metadata: ["error": "\(error)"])
        }
    }

    private func respond(to request: HTTPRequestHead) -> (HTTPResponseStatus, [UInt8]) {
        guard request.method == .GET else { return (.methodNotAllowed, Array("use GET /metrics\n".utf8)) }
        guard request.uri == "/metrics" || request.uri.hasPrefix("/metrics?") else {
            return (.notFound, Array("not found; metrics are at /metrics\n".utf8))
        }
        do {
            return (.ok, try self.exposition.render())
        } catch {
            self.logger.error("metrics scrape failed", metadata: ["error": "\(error)"])
            return (.serviceUnavailable, Array("the store is unavailable\n".utf8))
        }
    }
}
