import NIOCore
import NIOPosix

/// Posts an expiry notice's JSON to a webhook over HTTP/1.1, or HTTPS through certd's OpenSSL TLS
/// layer (see ``WebhookClient``).
///
/// Role: the webhook half of ``NetworkNoticeDelivery``.
/// Invariants: one connection per post, closed afterwards; a 2xx status is success, anything else
/// a ``DeliveryError``; the whole exchange is bounded by `timeoutSeconds`; https receivers are
/// verified (chain against ``WebhookTrust``, name against the URL's host).
/// Isolation: an immutable `Sendable` value.
struct WebhookSender: Sendable {
    var timeoutSeconds = 10
    var trust = WebhookTrust()

    /// Posts `body` to `url`.
    /// - Throws: ``DeliveryError``.
    func post(_ body: [UInt8], to url: String) async throws {
        guard let parsed = WebhookURL(parsing: url) else { throw DeliveryError.invalidWebhookURL(url) }
        let client = WebhookClient(group: MultiThreadedEventLoopGroup.singleton, trust: self.trust)
        let status: UInt
        do {
            status = try await client.post(
                body, to: parsed, userAgent: "certd", timeout: .seconds(Int64(self.timeoutSeconds)))
        } catch {
            switch error {
            case .timedOut: throw DeliveryError.timedOut(seconds: self.timeoutSeconds)
            case .closedEarly: throw DeliveryError.protocolViolation("the webhook closed without an HTTP response")
            case .connectFailed(let authority, let reason):
                throw DeliveryError.connectionFailed("\(authority): \(reason)")
            case .trustUnavailable, .untrustedCertificate, .hostNameMismatch, .handshakeFailed:
                throw DeliveryError.tlsFailed(error.description)
            }
        }
        guard (200..<300).contains(status) else { throw DeliveryError.webhookRejected(status: Int(status)) }
    }
}
