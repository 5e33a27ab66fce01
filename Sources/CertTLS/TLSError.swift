/// What went wrong in TLS, with OpenSSL's own words.
///
/// Role: thrown by ``TLSContext/init(configuration:)`` and fired through the pipeline by
/// ``TLSHandler`` (`errorCaught`); the RPC layer maps it to `unauthenticated` or `unavailable`.
/// Invariant: `reason` is OpenSSL's error queue (and verify result), drained in the same
/// synchronous stretch as the failing call.
public enum TLSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Building the SSL_CTX failed (bad file, key does not match certificate, ...).
    case configurationFailed(operation: String, reason: String)
    /// The handshake failed on this side: the peer's certificate was refused, no shared protocol,
    /// garbage instead of a handshake record, ...
    case handshakeFailed(reason: String)
    /// The peer sent a fatal alert after this side thought the handshake was done. In TLS 1.3 this
    /// is how a client learns that the server refused its certificate (`certificate required`,
    /// `unknown ca`, `certificate expired`).
    case alertReceived(reason: String)
    /// Reading application data failed for another reason (corrupt record, ...).
    case readFailed(reason: String)
    /// Encrypting application data failed.
    case writeFailed(reason: String)
    /// The connection ended without the peer's close_notify: the data may be truncated.
    case uncleanShutdown

    /// Whether the failure means the peer did not accept this side's identity, or this side did
    /// not accept the peer's: the RPC layer reports these as `unauthenticated`.
    public var isAuthenticationFailure: Bool {
        switch self {
        case .handshakeFailed, .alertReceived: true
        case .configurationFailed, .readFailed, .writeFailed, .uncleanShutdown: false
        }
    }

    public var description: String {
        switch self {
        case .configurationFailed(let operation, let reason): "TLS configuration failed in \(operation): \(reason)"
        case .handshakeFailed(let reason): "TLS handshake failed: \(reason)"
        case .alertReceived(let reason): "TLS peer sent an alert: \(reason)"
        case .readFailed(let reason): "TLS read failed: \(reason)"
        case .writeFailed(let reason): "TLS write failed: \(reason)"
        case .uncleanShutdown: "TLS connection closed without close_notify (possible truncation)"
        }
    }
}
