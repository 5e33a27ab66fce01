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
    /// The https receiver's or SMTP relay's certificate was refused or the TLS handshake failed; the
    /// text names the host, what failed and what to do (for example `--webhook-ca`).
    case tlsFailed(String)
    /// `--smtp-tls required`, and the relay (`host:port`) did not offer STARTTLS after EHLO.
    case smtpStartTLSNotOffered(relay: String)
    /// Credentials are configured but the connection to a non-loopback relay is plain text (the
    /// relay offered no STARTTLS, or `--smtp-tls none`): certd refuses to send them.
    case smtpCredentialsNeedTLS(relay: String)
    /// Credentials are configured but the relay offers neither AUTH PLAIN nor AUTH LOGIN;
    /// `offered` is its EHLO AUTH line (empty when it offers no AUTH at all).
    case smtpAuthenticationUnavailable(relay: String, offered: String)
    /// The relay refused the credentials (typically 535); `text` is its reply, never the password.
    case smtpAuthenticationRejected(relay: String, code: Int, text: String)

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
        case .smtpStartTLSNotOffered(let relay):
            "the SMTP relay \(relay) did not offer STARTTLS (--smtp-tls required): use the relay's submission "
                + "port (587), or --smtp-tls starttls or none to send without TLS"
        case .smtpCredentialsNeedTLS(let relay):
            "refusing to send SMTP credentials to \(relay) in plain text (no STARTTLS): use a relay offering "
                + "STARTTLS (--smtp-tls starttls or required), or a loopback relay"
        case .smtpAuthenticationUnavailable(let relay, let offered):
            "the SMTP relay \(relay) offers no AUTH PLAIN or LOGIN (it offers: \(offered.isEmpty ? "no AUTH" : offered)); "
                + "drop --smtp-user or use a relay that accepts them"
        case .smtpAuthenticationRejected(let relay, let code, let text):
            "the SMTP relay \(relay) rejected AUTH: check --smtp-user/--smtp-password-file (\(code) \(text))"
        }
    }
}
