import CertTLS
import NIOCore
import NIOHTTP1

/// Sends one HTTP request as soon as the connection is up, reads the response and completes a
/// promise with its status code.
///
/// Role: the last handler of the webhook client's pipeline. The whole exchange runs on the event
/// loop: nothing waits for the caller's task between connecting and the answer, so a busy task
/// pool cannot stretch the exchange past its timeout. (With TLS, the TLS handler holds the request
/// until the handshake is done.) Closes the channel once the response ended (one request per
/// connection).
/// Invariant: the request is written once; the promise is completed exactly once (status, error
/// or early close).
/// Isolation: event-loop bound; not `Sendable`.
final class WebhookExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = HTTPClientRequestPart

    private let head: HTTPRequestHead
    private let body: ByteBuffer
    private let promise: EventLoopPromise<UInt>
    private var status: UInt?
    private var isCompleted = false

    /// - Parameters:
    ///   - head: the request line and headers.
    ///   - body: the request body.
    ///   - promise: completed with the response's status code or the failure.
    init(head: HTTPRequestHead, body: ByteBuffer, promise: EventLoopPromise<UInt>) {
        self.head = head
        self.body = body
        self.promise = promise
    }

    func channelActive(context: ChannelHandlerContext) {
        // Write failures (a handshake that failed meanwhile) surface through errorCaught.
        context.write(self.wrapOutboundOut(.head(self.head)), promise: nil)
        context.write(self.wrapOutboundOut(.body(.byteBuffer(self.body))), promise: nil)
        context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head(let head):
            self.status = head.status.code
        case .body:
            break
        case .end:
            self.complete(.success(self.status ?? 0))
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.complete(.failure(WebhookClientError.closedEarly))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Many HTTPS servers close without close_notify once the response is out; the HTTP decoder
        // then ends an EOF-delimited body on channelInactive, and channelInactive reports a
        // response cut short. So the missing close_notify alone decides nothing.
        if let tlsError = error as? TLSError, tlsError == .uncleanShutdown { return }
        self.complete(.failure(error))
        context.close(promise: nil)
    }

    private func complete(_ result: Result<UInt, any Error>) {
        guard !self.isCompleted else { return }
        self.isCompleted = true
        self.promise.completeWith(result)
    }
}

@available(*, unavailable)
extension WebhookExchangeHandler: Sendable {}
