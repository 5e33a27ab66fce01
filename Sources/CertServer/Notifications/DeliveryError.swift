/// Why a notice did not reach a channel. Descriptions are audited, so they never hold secrets.
public enum DeliveryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The webhook URL is not `http(s)://HOST[:PORT]/PATH`.
    case invalidWebhookURL(String)
    /// The webhook answered with a non-2xx status.
    case webhookRejected(status: Int)
    /// The email channel is set but certd was started without `--smtp-relay`.
    case noSMTPRelay
    /// The SMTP relay answered `code` to `command`.
    case smtpRejected(command: String, code: Int, text: String)
    /// The peer closed the connection or sent something unreadable.
    case protocolViolation(String)
    /// No answer within the timeout.
    case timedOut(seconds: Int)
    /// Connecting failed.
    case connectionFailed(String)
    /// The https receiver's certificate was refused or the TLS handshake failed; the text names the
    /// host, what failed and what to do (for example `--webhook-ca`).
    case tlsFailed(String)

    public var description: String {
        switch self {
        case .invalidWebhookURL(let url): "invalid webhook URL \(url)"
        case .webhookRejected(let status): "the webhook answered HTTP \(status)"
        case .noSMTPRelay: "email notifications need an SMTP relay: start certd with --smtp-relay HOST:PORT"
        case .smtpRejected(let command, let code, let text): "the SMTP relay answered \(code) to \(command): \(text)"
        case .protocolViolation(let detail): "protocol error: \(detail)"
        case .timedOut(let seconds): "no answer within \(seconds) s"
        case .connectionFailed(let detail): "could not connect: \(detail)"
        case .tlsFailed(let detail): detail
        }
    }
}
