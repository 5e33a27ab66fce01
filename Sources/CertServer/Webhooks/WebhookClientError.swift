/// Why a webhook POST got no HTTP status: connection, timeout, TLS. Descriptions name the host
/// (never the URL's path, query or userinfo, which may carry tokens) and say what to do, early
/// enough to survive the audit log's 200-character cut.
///
/// Role: thrown by ``WebhookClient``; each sender maps it to its own failure (``DeliveryError``,
/// `DeploymentFailure`) keeping the description.
/// Isolation: a plain value.
enum WebhookClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server closed the connection before a complete response.
    case closedEarly
    /// No complete response within the timeout.
    case timedOut
    /// The TCP connection could not be made.
    case connectFailed(authority: String, reason: String)
    /// https needs trusted CA certificates and none could be loaded.
    case trustUnavailable(reason: String)
    /// The server's certificate chain does not lead to a trusted CA (or is expired, ...).
    case untrustedCertificate(host: String, verifyResult: String)
    /// The server's certificate does not carry the URL's host name or address.
    case hostNameMismatch(host: String, verifyResult: String)
    /// The TLS handshake failed for another reason (no shared version or cipher, alert, not TLS).
    case handshakeFailed(authority: String, reason: String)

    /// Whether the failure is a TLS certificate judgement, which a retry cannot change.
    var isCertificateRejection: Bool {
        switch self {
        case .untrustedCertificate, .hostNameMismatch, .trustUnavailable: true
        case .closedEarly, .timedOut, .connectFailed, .handshakeFailed: false
        }
    }

    var description: String {
        switch self {
        case .closedEarly:
            "the server closed the connection before a complete response"
        case .timedOut:
            "no response in time"
        case .connectFailed(let authority, let reason):
            "could not connect to \(authority): \(reason)"
        case .trustUnavailable(let reason):
            "https webhooks need CA certificates: \(reason); install ca-certificates or pass --webhook-ca FILE"
        case .untrustedCertificate(let host, let verifyResult):
            "TLS to \(host): certificate not trusted (\(verifyResult)); for a private CA start certd with "
                + "--webhook-ca FILE (that CA's certificate, PEM)"
        case .hostNameMismatch(let host, let verifyResult):
            "TLS to \(host): certificate does not name \(host) (\(verifyResult)); use a host name the receiver's "
                + "certificate carries in the URL"
        case .handshakeFailed(let authority, let reason):
            "TLS to \(authority) failed: \(reason); check that it serves HTTPS with TLS 1.2 or newer"
        }
    }
}
