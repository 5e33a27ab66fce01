import CertTLS
public import CertWire
public import Logging
public import NIOCore
import NIOPosix
import Synchronization

/// The certd RPC client: mutual TLS, many concurrent calls over one or a few connections.
///
/// Role: the transport generated clients (CertAPI) call through; certctl and certload use it.
/// Behaviour: connections open lazily on the first call (or eagerly with ``connect()``) and are
/// reopened on the next call after they drop. Calls are spread round-robin. A call's
/// `CallOptions.timeout` is enforced here (`deadlineExceeded`, and a cancel frame tells the
/// server) and sent to the server; cancelling the calling task sends a cancel frame and throws
/// `cancelled`. Connect failures are `unavailable`; TLS refusals, including the TLS 1.3 case
/// where the server's verdict on the client certificate arrives with the first read, are
/// `unauthenticated` carrying OpenSSL's alert text. A call the server provably never processed
/// (not sent before the connection closed, or above a goAway's `lastCallID`) is retried once on a
/// fresh connection.
/// Isolation: `Sendable`; per-connection state lives on event loops, slot state in small mutexes
/// held only to read or swap a reference (no I/O under a lock).
public final class RPCClient: RPCClientTransport, Sendable {
    private let configuration: RPCClientConfiguration
    private let tlsContext: TLSContext
    private let group: any EventLoopGroup
    private let logger: Logger
    private let slots: [ConnectionSlot]
    private let nextSlot = Atomic<Int>(0)
    private let isClosed = Atomic<Bool>(false)

    /// - Parameters:
    ///   - configuration: server address, client TLS, pool size, timeouts.
    ///   - eventLoopGroup: `nil`: NIO's shared singleton group.
    ///   - logger: for connection events.
    /// - Throws: ``TLSError`` when the TLS configuration cannot be loaded.
    public init(
        configuration: RPCClientConfiguration,
        eventLoopGroup: (any EventLoopGroup)? = nil,
        logger: Logger = Logger(label: "certd.rpc.client")
    ) throws {
        self.configuration = configuration
        self.tlsContext = try TLSContext(configuration: configuration.tls)
        self.group = eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
        self.logger = logger
        let group = self.group
        self.slots = (0..<configuration.connections).map { _ in ConnectionSlot(eventLoop: group.next()) }
    }

    /// One executor per connection, running on that connection's event loop, in connection order.
    ///
    /// A task that prefers one of these (`withTaskExecutorPreference`) has its calls sent on a
    /// connection of that loop, written without a hop and resumed on the same thread when the
    /// response arrives. Optional: callers on other executors work as before.
    public var connectionExecutors: [EventLoopTaskExecutor] {
        self.slots.map { EventLoopTaskExecutor(eventLoop: $0.eventLoop) }
    }

    /// Opens every connection now instead of on first use.
    /// - Throws: ``RPCError`` `unavailable` (cannot connect) or `unauthenticated` (TLS refused).
    public func connect() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for slot in self.slots {
                group.addTask { _ = try await slot.connection { self.openConnection(on: slot.eventLoop) } }
            }
            try await group.waitForAll()
        }
    }

    public func unary(method: RPCMethod, request: [UInt8], options: CallOptions) async throws -> [UInt8] {
        guard !self.isClosed.load(ordering: .relaxed) else { throw RPCError(.unavailable, "the client is closed") }
        try Task.checkCancellation(mapping: RPCError(.cancelled, "the caller cancelled the call"))
        let slot = self.slots[self.slotIndex()]
        var attempt = 0
        while true {
            let connection = try await slot.connection { self.openConnection(on: slot.eventLoop) }
            let frame = RequestFrame(
                callID: connection.makeCallID(),
                methodID: method.id,
                timeoutMicroseconds: options.timeout?.wholeMicroseconds ?? 0,
                metadata: options.metadata,
                payload: request
            )
            do {
                return try await connection.call(frame, timeout: options.timeout)
            } catch let notProcessed as CallNotProcessed {
                // The server never saw the call (the connection was closing, or a goAway came
                // first): one retry on a fresh connection cannot run it twice.
                attempt += 1
                if attempt > 1 { throw notProcessed.error }
            }
        }
    }

    /// Closes every connection; calls in flight fail with `unavailable`, later calls too.
    public func close() async {
        self.isClosed.store(true, ordering: .relaxed)
        for slot in self.slots {
            await slot.close()
        }
    }

    /// Round-robin, except that a caller running on one of the connections' event loops (see
    /// ``connectionExecutors``) takes a connection of its own loop: no hop to write, none to resume.
    private func slotIndex() -> Int {
        let count = self.slots.count
        if count == 1 { return 0 }
        let ticket = self.nextSlot.wrappingAdd(1, ordering: .relaxed).oldValue & Int.max
        if MultiThreadedEventLoopGroup.currentEventLoop != nil {
            for offset in 0..<count {
                let index = (ticket &+ offset) % count
                if self.slots[index].eventLoop.inEventLoop { return index }
            }
        }
        return ticket % count
    }

    // MARK: connecting

    private func openConnection(on loop: any EventLoop) -> EventLoopFuture<RPCClientConnection> {
        let configuration = self.configuration
        let tlsContext = self.tlsContext
        let handshakePromise = loop.makePromise(of: Void.self)
        let connectTimeout = configuration.connectTimeout.timeAmount
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        try TLSHandler(context: tlsContext),
                        ByteToMessageHandler(FrameDecoder(maxFrameLength: configuration.maxFrameLength)),
                        RPCClientConnectionHandler(
                            maxFrameLength: configuration.maxFrameLength,
                            keepAliveInterval: configuration.keepAliveInterval?.timeAmount,
                            handshakePromise: handshakePromise
                        ),
                    ])
                }
            }
        let target = "\(configuration.host):\(configuration.port)"
        let connected = bootstrap.connect(host: configuration.host, port: configuration.port)
        connected.whenFailure { error in
            handshakePromise.fail(RPCError(.unavailable, "cannot connect to \(target): \(error)"))
        }
        let timeout = loop.scheduleTask(in: connectTimeout) {
            handshakePromise.fail(RPCError(.unavailable, "TLS handshake with \(target) timed out"))
        }
        return connected.flatMap { channel in
            handshakePromise.futureResult.flatMapError { error in
                channel.close(promise: nil)
                return channel.eventLoop.makeFailedFuture(error)
            }.flatMapThrowing { _ in
                timeout.cancel()
                let handler = try channel.pipeline.syncOperations.handler(type: RPCClientConnectionHandler.self)
                return RPCClientConnection(
                    channel: channel,
                    handler: NIOLoopBound(handler, eventLoop: channel.eventLoop),
                    status: handler.status
                )
            }
        }.flatMapErrorThrowing { error in
            timeout.cancel()
            if let error = error as? RPCError { throw error }
            throw RPCError(.unavailable, "cannot connect to \(target): \(error)")
        }
    }
}

extension Task where Success == Never, Failure == Never {
    /// Throws `error` instead of `CancellationError` when the current task is cancelled.
    fileprivate static func checkCancellation(mapping error: RPCError) throws {
        if Task.isCancelled { throw error }
    }
}

/// One pooled connection position: empty, connecting (shared by every caller waiting), or open.
///
/// Invariant: every connection of this slot, including reopened ones, runs on `eventLoop`.
/// Isolation: `Sendable` through a `Mutex` held only to read or swap the state.
private final class ConnectionSlot: Sendable {
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    private enum State {
        case idle
        case connecting(EventLoopFuture<RPCClientConnection>)
        case connected(RPCClientConnection)
    }

    private let state = Mutex(State.idle)

    /// The open connection, opening (or reopening) it with `open` when there is none.
    func connection(open: () -> EventLoopFuture<RPCClientConnection>) async throws -> RPCClientConnection {
        enum Next {
            case use(RPCClientConnection)
            case wait(EventLoopFuture<RPCClientConnection>)
            case start
        }
        let next = self.state.withLock { state -> Next in
            switch state {
            case .connected(let connection) where connection.isUsable: return .use(connection)
            case .connecting(let future): return .wait(future)
            case .idle, .connected: return .start
            }
        }
        switch next {
        case .use(let connection):
            return connection
        case .wait(let future):
            return try await future.get()
        case .start:
            let future = open()
            // Another caller may have started meanwhile; whoever stores first wins, the other's
            // connection is closed.
            let winner = self.state.withLock { state -> EventLoopFuture<RPCClientConnection> in
                if case .connecting(let existing) = state { return existing }
                state = .connecting(future)
                return future
            }
            if winner !== future {
                future.whenSuccess { $0.channel.close(promise: nil) }
                return try await winner.get()
            }
            future.whenComplete { result in
                self.state.withLock { state in
                    guard case .connecting(let current) = state, current === future else { return }
                    switch result {
                    case .success(let connection): state = .connected(connection)
                    case .failure: state = .idle
                    }
                }
            }
            return try await future.get()
        }
    }

    func close() async {
        let connection = self.state.withLock { state -> RPCClientConnection? in
            defer { state = .idle }
            if case .connected(let connection) = state { return connection }
            return nil
        }
        await connection?.close()
    }
}
