import CertTLS
public import CertWire
public import Logging
public import NIOCore
import NIOPosix
public import ServiceLifecycle
import Synchronization

/// The certd RPC server: TLS listener, framed multiplexed calls, graceful drain.
///
/// Role: certd runs one inside its `ServiceGroup`. Each accepted connection gets a handler-based
/// pipeline on its event loop (`TLSHandler` -> `FrameDecoder` -> connection handler); each call
/// runs as its own task calling the matching ``RPCService``, and its response is written when
/// it finishes, in any order.
/// Lifecycle: ``run()`` binds and serves until graceful shutdown (ServiceLifecycle) or
/// ``shutdown()``: stop accepting, send goAway on every connection, let calls in flight finish
/// for up to `drainTimeout`, then close what is left; `run()` returns once every connection is
/// closed. Cancelling `run()` closes everything at once.
/// Isolation: `Sendable`; mutable state is a small `Mutex` touched on start and stop only.
public final class RPCServer: Service, Sendable {
    private enum State {
        case idle
        case running(any Channel)
        case shuttingDown
    }

    private let configuration: RPCServerConfiguration
    private let tlsContext: TLSContext
    private let router: MethodRouter
    private let group: any EventLoopGroup
    private let logger: Logger
    private let registry = ConnectionRegistry()
    private let state = Mutex(State.idle)
    private let boundAddress: EventLoopPromise<SocketAddress>

    /// - Parameters:
    ///   - configuration: where to listen, TLS, limits.
    ///   - services: the services to route calls to; method ids must be unique across them.
    ///   - eventLoopGroup: the loops connections run on; `nil`: NIO's shared singleton group.
    ///   - logger: for connection-level events and unexpected handler errors.
    /// - Throws: ``TLSError`` when the TLS configuration cannot be loaded.
    public init(
        configuration: RPCServerConfiguration,
        services: [any RPCService],
        eventLoopGroup: (any EventLoopGroup)? = nil,
        logger: Logger = Logger(label: "certd.rpc.server")
    ) throws {
        self.configuration = configuration
        self.tlsContext = try TLSContext(configuration: configuration.tls)
        self.router = MethodRouter(services: services)
        let group = eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
        self.group = group
        self.logger = logger
        self.boundAddress = group.next().makePromise(of: SocketAddress.self)
    }

    deinit {
        // A promise must be completed before it is freed; a no-op when `run()` already bound.
        self.boundAddress.fail(ChannelError.ioOnClosedChannel)
    }

    /// The address the server listens on, once bound (useful with port 0).
    /// - Throws: the bind error when binding failed.
    public var localAddress: SocketAddress {
        get async throws { try await self.boundAddress.futureResult.get() }
    }

    /// The port the server listens on, once bound; consumers need no NIO import for it.
    /// - Throws: the bind error when binding failed.
    public var localPort: Int {
        get async throws { try await self.localAddress.port ?? self.configuration.port }
    }

    /// Binds, serves until shutdown, drains, and returns once every connection is closed.
    /// - Throws: when binding fails.
    public func run() async throws {
        let channel: any Channel
        do {
            channel = try await self.makeBootstrap().bind(host: self.configuration.host, port: self.configuration.port)
                .get()
        } catch {
            self.boundAddress.fail(error)
            throw error
        }
        let shouldServe = self.state.withLock { state -> Bool in
            guard case .idle = state else { return false }
            state = .running(channel)
            return true
        }
        guard shouldServe else {
            try? await channel.close()
            self.boundAddress.fail(ChannelError.ioOnClosedChannel)
            return
        }
        if let address = channel.localAddress {
            self.boundAddress.succeed(address)
        }
        self.logger.info("listening", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "?")"])
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                try? await channel.closeFuture.get()
                await self.registry.waitUntilEmpty()
            } onGracefulShutdown: {
                self.shutdown()
            }
        } onCancel: {
            self.shutdown(drainTimeout: .zero)
        }
        self.logger.info("stopped")
    }

    /// Starts a graceful shutdown with the configured drain timeout; ``run()`` returns when done.
    public func shutdown() {
        self.shutdown(drainTimeout: self.configuration.drainTimeout)
    }

    private func shutdown(drainTimeout: Duration) {
        let listener = self.state.withLock { state -> (any Channel)? in
            switch state {
            case .running(let channel):
                state = .shuttingDown
                return channel
            case .idle:
                state = .shuttingDown
                return nil
            case .shuttingDown:
                return nil
            }
        }
        listener?.close(promise: nil)
        let open = self.registry.closeForNew()
        self.logger.info("draining", metadata: ["connections": "\(open.count)"])
        for channel in open {
            channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
        let registry = self.registry
        let nanoseconds =
            drainTimeout.components.seconds * 1_000_000_000 + drainTimeout.components.attoseconds / 1_000_000_000
        self.group.next().scheduleTask(in: .nanoseconds(nanoseconds)) {
            for channel in registry.openChannels { channel.close(promise: nil) }
        }
    }

    private func makeBootstrap() -> ServerBootstrap {
        let tlsContext = self.tlsContext
        let router = self.router
        let registry = self.registry
        let configuration = self.configuration
        let logger = self.logger
        return ServerBootstrap(group: self.group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                guard let number = registry.add(channel, limit: configuration.maxConnections) else {
                    logger.notice("refusing connection: connection limit reached or draining")
                    return channel.close()
                }
                channel.closeFuture.whenComplete { _ in registry.remove(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        try TLSHandler(context: tlsContext),
                        ByteToMessageHandler(FrameDecoder(maxFrameLength: configuration.maxFrameLength)),
                        RPCServerConnectionHandler(
                            router: router,
                            maxFrameLength: configuration.maxFrameLength,
                            maxCallsInFlight: configuration.maxCallsInFlightPerConnection,
                            startsHandlersImmediately: configuration.startsHandlersOnEventLoop,
                            inlineMethodIDs: configuration.inlineMethodIDs,
                            connectionNumber: number,
                            logger: logger
                        ),
                    ])
                }
            }
    }
}
