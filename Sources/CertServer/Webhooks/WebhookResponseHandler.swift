import CertTLS
import NIOCore
import NIOHTTP1

/// Reads one HTTP response and completes a promise with its status code.
///
/// Role: the last handler of the webhook client's pipeline. Closes the channel once the response
/// ended (one request per connection).
/// Invariant: the promise is completed exactly once (status, error or early close).
/// Isolation: event-loop bound; not `Sendable`.
final class WebhookResponseHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let promise: EventLoopPromise<UInt>
    private var status: UInt?
    private var isCompleted = false

    init(promise: EventLoopPromise<UInt>) {
        self.promise = promise
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
extension WebhookResponseHandler: Sendable {}
