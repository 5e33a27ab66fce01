import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP server on loopback that records POSTed bodies and answers scripted statuses.
///
/// Role: the receiving end of webhook deployments in tests.
/// Isolation: the recorded requests and the script sit behind a `Mutex` (written on the event
/// loop, read by the test).
final class WebhookSink: Sendable {
    struct Request: Sendable {
        var path: String
        var contentType: String
        var body: [UInt8]
    }

    let port: Int
    private let channel: any Channel
    private let box: SinkBox

    private init(port: Int, channel: any Channel, box: SinkBox) {
        self.port = port
        self.channel = channel
        self.box = box
    }

    /// Starts the sink; it answers `statuses` in order, then 200.
    static func start(statuses: [HTTPResponseStatus] = []) async throws -> WebhookSink {
        let box = SinkBox(statuses: statuses)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(SinkHandler(box: box))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return WebhookSink(port: channel.localAddress?.port ?? 0, channel: channel, box: box)
    }

    /// What was received so far.
    var requests: [Request] { self.box.state.withLock { $0.requests } }

    func stop() async {
        try? await self.channel.close()
    }
}

/// The state a sink shares with its connection handlers.
final class SinkBox: Sendable {
    let state: Mutex<(requests: [WebhookSink.Request], statuses: [HTTPResponseStatus])>

    init(statuses: [HTTPResponseStatus]) {
        self.state = Mutex(([], statuses))
    }
}

/// Collects one request, records it and answers.
final class SinkHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let box: SinkBox
    var head: HTTPRequestHead?
    var body: [UInt8] = []

    init(box: SinkBox) {
        self.box = box
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            self.body = []
        case .body(var buffer):
            self.body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            let request = WebhookSink.Request(
                path: self.head?.uri ?? "", contentType: self.head?.headers.first(name: "Content-Type") ?? "",
                body: self.body)
            let status = self.box.state.withLock { state -> HTTPResponseStatus in
                state.requests.append(request)
                return state.statuses.isEmpty ? .ok : state.statuses.removeFirst()
            }
            var headers = HTTPHeaders()
            headers.add(name: "Content-Length", value: "0")
            headers.add(name: "Connection", value: "close")
            context.write(
                self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
                promise: nil)
            context.writeAndFlush(self.wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
        }
    }
}

@available(*, unavailable)
extension SinkHandler: Sendable {}
