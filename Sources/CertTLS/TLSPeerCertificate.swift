/// The verified certificate of the other side, as plain values.
///
/// Role: carried by ``TLSHandshakeCompleted``; CertRPC turns it into `PeerIdentity`.
/// Invariant: only built from a certificate OpenSSL verified during the handshake.
public struct TLSPeerCertificate: Sendable, Hashable {
    /// Subject distinguished name in RFC 4514 form (`CN=client-1,OU=agents,O=Example`).
    public var subject: String
    /// The subject's common name, when it has one.
    public var commonName: String?
    /// Lowercase hex SHA-256 of the certificate's DER, no separators.
    public var fingerprintSHA256: String
    /// The certificate in DER.
    public var der: [UInt8]

    public init(subject: String, commonName: String?, fingerprintSHA256: String, der: [UInt8]) {
        self.subject = subject
        self.commonName = commonName
        self.fingerprintSHA256 = fingerprintSHA256
        self.der = der
    }
}
