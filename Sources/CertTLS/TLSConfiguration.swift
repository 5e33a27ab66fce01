/// Everything needed to build a ``TLSContext``: role, own credentials, trust, peer checks.
///
/// Role: the value a server or client is configured with; turned into an OpenSSL `SSL_CTX` once.
/// Invariants: certd's RPC always runs mutual TLS: a server requires and verifies client
/// certificates against `trustedCA` (unless `peerVerification == .optional`, for audits only); a
/// client always verifies the server against `trustedCA` and, when `serverName` is set (or given
/// per connection), checks the name (DNS) or address (IP literal) in the server's certificate.
/// HTTPS clients (webhooks) present no certificate and do not require ALPN. The floor is TLS 1.2;
/// TLS 1.3 is preferred.
public struct TLSConfiguration: Sendable {
    /// Which end of the handshake this side plays.
    public enum Role: Sendable, Hashable {
        case server
        case client
    }

    /// How strictly the peer's certificate is demanded.
    public enum PeerVerification: Sendable, Hashable {
        /// The peer must present a certificate that chains to `trustedCA` (the certd default).
        case required
        /// Server only: verify a client certificate if one is sent, accept a connection without one.
        /// For TLS audits (tools/tls-audit.sh); never for certd itself.
        case optional
    }

    /// The lowest protocol version accepted.
    public enum MinimumVersion: Sendable, Hashable {
        case tls12
        case tls13
    }

    /// Where PEM data comes from.
    public enum PEMSource: Sendable, Hashable {
        /// A file path.
        case file(String)
        /// The PEM text itself.
        case pem(String)
    }

    /// The ALPN protocol id certd speaks; both sides require it.
    public static let certdApplicationProtocol = "certd/1"

    public var role: Role
    /// This side's certificate, followed by any intermediates, leaf first. Optional for a client
    /// only in tests of refusal; servers need one.
    public var certificateChain: PEMSource?
    /// The private key of the leaf certificate.
    public var privateKey: PEMSource?
    /// The CA certificates (one or more PEM blocks) the peer's chain must lead to.
    public var trustedCA: PEMSource
    public var peerVerification: PeerVerification
    public var minimumVersion: MinimumVersion
    /// Client only: the name (or IP literal) the server certificate must carry; also sent as SNI
    /// when it is a DNS name. `nil` skips the name check (chain is still verified).
    public var serverName: String?
    /// The ALPN protocol both sides must agree on; ``certdApplicationProtocol`` except in tests
    /// that prove a mismatch is refused, `http/1.1` for HTTPS clients, and empty for a client that
    /// offers no ALPN at all (SMTP after STARTTLS, see ``mailClient(trustedCA:)``).
    public var applicationProtocol: String = TLSConfiguration.certdApplicationProtocol
    /// Whether the peer must select ``applicationProtocol``. Client only: an HTTPS client offers
    /// `http/1.1` but accepts a server that selects nothing, as most HTTPS servers do; it still
    /// refuses a server that selects a different protocol.
    public var isApplicationProtocolRequired = true

    /// - Parameters:
    ///   - role: server or client.
    ///   - certificateChain: this side's leaf (and intermediates).
    ///   - privateKey: the leaf's key.
    ///   - trustedCA: CA certificates the peer must chain to.
    ///   - peerVerification: `.required` unless auditing.
    ///   - minimumVersion: `.tls12` by default.
    ///   - serverName: client only; the expected server name or IP.
    public init(
        role: Role,
        certificateChain: PEMSource?,
        privateKey: PEMSource?,
        trustedCA: PEMSource,
        peerVerification: PeerVerification = .required,
        minimumVersion: MinimumVersion = .tls12,
        serverName: String? = nil
    ) {
        self.role = role
        self.certificateChain = certificateChain
        self.privateKey = privateKey
        self.trustedCA = trustedCA
        self.peerVerification = peerVerification
        self.minimumVersion = minimumVersion
        self.serverName = serverName
    }

    /// A server configuration requiring client certificates issued by `trustedCA`.
    public static func server(
        certificateChain: PEMSource,
        privateKey: PEMSource,
        trustedCA: PEMSource
    ) -> TLSConfiguration {
        TLSConfiguration(
            role: .server, certificateChain: certificateChain, privateKey: privateKey, trustedCA: trustedCA)
    }

    /// A client configuration presenting a client certificate and checking the server's name.
    public static func client(
        certificateChain: PEMSource?,
        privateKey: PEMSource?,
        trustedCA: PEMSource,
        serverName: String?
    ) -> TLSConfiguration {
        TLSConfiguration(
            role: .client,
            certificateChain: certificateChain,
            privateKey: privateKey,
            trustedCA: trustedCA,
            serverName: serverName
        )
    }

    /// A client configuration for HTTPS (webhooks): no client certificate, the server's chain
    /// verified against `trustedCA`, ALPN `http/1.1` offered but not required. The server name is
    /// set per connection (``TLSHandler/init(context:serverName:)``), so one context serves every host.
    /// - Parameter trustedCA: the CA certificates server chains must lead to (for example the
    ///   system bundle followed by an operator's private CA).
    /// - Returns: the configuration.
    public static func httpsClient(trustedCA: PEMSource) -> TLSConfiguration {
        var configuration = TLSConfiguration(
            role: .client, certificateChain: nil, privateKey: nil, trustedCA: trustedCA, serverName: nil)
        configuration.applicationProtocol = "http/1.1"
        configuration.isApplicationProtocolRequired = false
        return configuration
    }

    /// A client configuration for SMTP after STARTTLS (RFC 3207): like
    /// ``httpsClient(trustedCA:)`` (no client certificate, the relay's chain verified against
    /// `trustedCA`, its name set per connection) but offering no ALPN, since SMTP has no ALPN id
    /// and a relay that enforces ALPN could refuse a foreign one.
    /// - Parameter trustedCA: the CA certificates relay chains must lead to.
    /// - Returns: the configuration.
    public static func mailClient(trustedCA: PEMSource) -> TLSConfiguration {
        var configuration = TLSConfiguration(
            role: .client, certificateChain: nil, privateKey: nil, trustedCA: trustedCA, serverName: nil)
        configuration.applicationProtocol = ""
        configuration.isApplicationProtocolRequired = false
        return configuration
    }
}
