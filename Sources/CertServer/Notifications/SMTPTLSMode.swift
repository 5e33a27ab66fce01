/// How the SMTP client protects the connection to the relay (`--smtp-tls`).
///
/// Role: chosen once at start-up; read by ``SMTPClient`` for every message.
/// Isolation: a value type.
public enum SMTPTLSMode: String, Sendable, Hashable, CaseIterable {
    /// Upgrade with STARTTLS when the relay offers it, else continue in plain text (the default;
    /// credentials are still only sent over TLS or to a loopback relay).
    case starttls
    /// Upgrade with STARTTLS, and fail the delivery when the relay does not offer it.
    case required
    /// Never upgrade: plain SMTP (a local MTA on loopback).
    case none
    /// TLS from the first byte, no STARTTLS (RFC 8314 implicit TLS, port 465).
    case implicit
}
