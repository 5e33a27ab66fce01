/// The user event ``TLSHandler`` fires once its handshake is done and verified.
///
/// Role: tells the handlers behind TLS who is on the other side and what was negotiated.
/// Invariant: fired exactly once per connection, before any application data is passed on.
/// In TLS 1.3 a *client* receives it before the server has judged the client certificate; the
/// first response, not this event, proves the server accepted the client.
public struct TLSHandshakeCompleted: Sendable, Hashable {
    /// The peer's verified certificate; `nil` only when the peer sent none and none was required.
    public var peer: TLSPeerCertificate?
    /// `TLSv1.3` or `TLSv1.2`.
    public var protocolVersion: String
    /// The negotiated cipher suite in OpenSSL's naming (`TLS_AES_128_GCM_SHA256`).
    public var cipher: String
    /// The negotiated ALPN protocol: always `certd/1` for certd's RPC; `http/1.1` or nil for an
    /// HTTPS client (``TLSConfiguration/httpsClient(trustedCA:)``), whose servers often select none.
    public var applicationProtocol: String?

    public init(peer: TLSPeerCertificate?, protocolVersion: String, cipher: String, applicationProtocol: String?) {
        self.peer = peer
        self.protocolVersion = protocolVersion
        self.cipher = cipher
        self.applicationProtocol = applicationProtocol
    }
}
