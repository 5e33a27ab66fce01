import CertRPC
import CertTLS
import NIOCore
import NIOPosix

/// The baseline for ``EchoBenchmark``: the same workload over NIO + certd's TLS handler with a
/// bare 4-byte length prefix, and no RPC layer (no frame header, no call ids, no tasks per call).
///
/// Role: `certload bench-bare DIR get|put CONNS CONC SECONDS [pinned]` (`pinned`: each caller
/// task runs on its connection's event loop, as in ``EchoBenchmark``); the ratio of the two benchmarks'
/// RPC/s is the cost of the RPC layer. Responses come back in order, so the client matches them
/// to callers FIFO.
enum BareEchoBenchmark {
    /// Reads one length-prefixed message.
    struct LengthPrefixDecoder: ByteToMessageDecoder {
        typealias InboundOut = ByteBuffer

        mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
            guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self),
                buffer.readableBytes >= 4 + Int(length)
            else { return .needMoreData }
            buffer.moveReaderIndex(forwardBy: 4)
            context.fireChannelRead(Self.wrapInboundOut(buffer.readSlice(length: Int(length))!))
            return .continue
        }
    }

    /// Answers every message with a fixed-size one; flushes once per read batch.
    final class ServerHandler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let small = [UInt8](repeating: 0x61, count: 64)
        let large = [UInt8](repeating: 0x62, count: 2048)

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let request = Self.unwrapInboundIn(data)
            let response = request.readableBytes == 64 ? self.large : self.small
            var buffer = context.channel.allocator.buffer(capacity: 4 + response.count)
            buffer.writeInteger(UInt32(response.count))
            buffer.writeBytes(response)
            context.write(Self.wrapOutboundOut(buffer), promise: nil)
        }

        func channelReadComplete(context: ChannelHandlerContext) {
            context.flush()
        }
    }

    /// Sends requests and completes waiting callers in order.
    final class ClientHandler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        private var waiting = CircularBuffer<EventLoopPromise<Void>>()
        private var context: ChannelHandlerContext?
        private var isFlushScheduled = false

        func handlerAdded(context: ChannelHandlerContext) { self.context = context }

        func send(_ request: [UInt8], promise: EventLoopPromise<Void>) {
            guard let context = self.context else { return promise.fail(ChannelError.ioOnClosedChannel) }
            var buffer = context.channel.allocator.buffer(capacity: 4 + request.count)
            buffer.writeInteger(UInt32(request.count))
            buffer.writeBytes(request)
            self.waiting.append(promise)
            context.write(Self.wrapOutboundOut(buffer), promise: nil)
            if !self.isFlushScheduled {
                self.isFlushScheduled = true
                context.eventLoop.assumeIsolated().execute {
                    self.isFlushScheduled = false
                    self.context?.flush()
                }
            }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            self.waiting.popFirst()?.succeed(())
        }
    }

    /// Binds the bare echo server.
    /// - Returns: the listening channel.
    static func listen(context serverContext: TLSContext, host: String, port: Int) async throws -> any Channel {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        try TLSHandler(context: serverContext), ByteToMessageHandler(LengthPrefixDecoder()),
                        ServerHandler(),
                    ])
                }
            }
            .bind(host: host, port: port).get()
    }

    /// Opens `count` bare client connections.
    /// - Returns: each channel with its handler, bound to the channel's event loop.
    static func connect(context clientContext: TLSContext, host: String, port: Int, count: Int) async throws
        -> [(any Channel, NIOLoopBound<ClientHandler>)]
    {
        var clients: [(any Channel, NIOLoopBound<ClientHandler>)] = []
        for _ in 0..<count {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandlers([
                            try TLSHandler(context: clientContext), ByteToMessageHandler(LengthPrefixDecoder()),
                            ClientHandler(),
                        ])
                    }
                }
                .connect(host: host, port: port).get()
            let handler = try await channel.eventLoop.submit {
                NIOLoopBound(
                    try channel.pipeline.syncOperations.handler(type: ClientHandler.self), eventLoop: channel.eventLoop)
            }.get()
            clients.append((channel, handler))
        }
        return clients
    }

    static func run(arguments: [String]) async throws {
        let isPinned = arguments.count == 6 && arguments[5] == "pinned"
        guard arguments.count == 5 || isPinned, let connections = Int(arguments[2]),
            let concurrency = Int(arguments[3]), let seconds = Int(arguments[4])
        else {
            print("usage: certload bench-bare DIR get|put CONNS CONC SECONDS [pinned]")
            return
        }
        let directory = arguments[0]
        let request = [UInt8](repeating: 0x63, count: arguments[1] == "put" ? 2048 : 64)
        let serverContext = try TLSContext(
            configuration: .server(
                certificateChain: .file("\(directory)/server.crt"),
                privateKey: .file("\(directory)/server.key"),
                trustedCA: .file("\(directory)/ca.crt")
            )
        )
        let clientContext = try TLSContext(
            configuration: .client(
                certificateChain: .file("\(directory)/client.crt"),
                privateKey: .file("\(directory)/client.key"),
                trustedCA: .file("\(directory)/ca.crt"),
                serverName: "localhost"
            )
        )
        let listener = try await Self.listen(context: serverContext, host: "127.0.0.1", port: 0)
        let port = listener.localAddress?.port ?? 0
        let clients = try await Self.connect(context: clientContext, host: "127.0.0.1", port: port, count: connections)
        let warmUp = ContinuousClock.now + .seconds(2)
        let end = warmUp + .seconds(seconds)
        let latencies = try await withThrowingTaskGroup(of: [UInt32].self) { tasks in
            for (channel, handler) in clients {
                let executor = isPinned ? EventLoopTaskExecutor(eventLoop: channel.eventLoop) : nil
                for _ in 0..<concurrency {
                    tasks.addTask(executorPreference: executor) {
                        var samples: [UInt32] = []
                        let clock = ContinuousClock()
                        let loop = channel.eventLoop
                        while true {
                            let start = clock.now
                            if start >= end { break }
                            let promise = loop.makePromise(of: Void.self)
                            if loop.inEventLoop {
                                handler.value.send(request, promise: promise)
                            } else {
                                loop.execute { handler.value.send(request, promise: promise) }
                            }
                            try await promise.futureResult.get()
                            if start >= warmUp {
                                let elapsed = clock.now - start
                                samples.append(
                                    UInt32(
                                        clamping: elapsed.components.seconds * 1_000_000 + elapsed.components
                                            .attoseconds / 1_000_000_000_000)
                                )
                            }
                        }
                        return samples
                    }
                }
            }
            var all: [UInt32] = []
            for try await samples in tasks { all += samples }
            return all.sorted()
        }
        let count = latencies.count
        let p50 = count > 0 ? latencies[count / 2] : 0
        let p99 = count > 0 ? latencies[min(count - 1, count * 99 / 100)] : 0
        print(
            "RESULT method=bare-\(arguments[1])\(isPinned ? "-pinned" : "") conns=\(connections) conc=\(concurrency) rps=\(count / max(seconds, 1)) "
                + "p50_us=\(p50) p99_us=\(p99)"
        )
        for (channel, _) in clients { try? await channel.close() }
        try? await listener.close()
    }
}
