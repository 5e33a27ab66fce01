import CertRPC
import CertTLS
import CertTestSupport
import CertWire
import NIOCore
import NIOPosix

/// Passes inbound frames (or raw bytes) into an AsyncStream, for tests that speak the protocol
/// by hand.
final class StreamingCollector<Element: Sendable>: ChannelInboundHandler {
    typealias InboundIn = Element
    let continuation: AsyncStream<Element>.Continuation

    init(continuation: AsyncStream<Element>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.continuation.yield(Self.unwrapInboundIn(data))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.continuation.finish()
    }
}

/// A hand-driven connection to a test server: TLS (with the good client certificate) and the
/// frame decoder, but no RPC client, so tests can send malformed bytes.
struct RawConnection {
    let channel: any Channel
    let frames: AsyncStream<Frame>

    static func connect(port: Int, tls: Bool = true) async throws -> RawConnection {
        let pki = try TestPKI.shared
        let context = try TLSContext(configuration: pki.clientConfiguration(identity: pki.client))
        let (stream, continuation) = AsyncStream<Frame>.makeStream()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if tls {
                        try channel.pipeline.syncOperations.addHandler(try TLSHandler(context: context))
                    }
                    try channel.pipeline.syncOperations.addHandlers([
                        ByteToMessageHandler(FrameDecoder()), StreamingCollector(continuation: continuation),
                    ])
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawConnection(channel: channel, frames: stream)
    }

    func send(_ bytes: [UInt8]) async throws {
        try await self.channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    func send(_ frame: Frame) async throws {
        try await self.send(frame.encoded)
    }

    /// All frames until the server closes the connection.
    func framesUntilClose() async -> [Frame] {
        var frames: [Frame] = []
        for await frame in self.frames { frames.append(frame) }
        return frames
    }

    func nextFrame() async -> Frame? {
        var iterator = self.frames.makeAsyncIterator()
        return await iterator.next()
    }
}
