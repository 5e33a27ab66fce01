/// The key material of one PKCS#12/PFX file (or one key entry of a Java key store), as DER bytes.
///
/// Role: what format conversion hands to the rest of certd, and what it takes back to write a PFX.
/// It deliberately holds DER bytes, not parsed certificate or key types, so conversion stays
/// independent of how CertCrypto models certificates; render PEM with ``PEMEncoding``.
/// Invariants: ``privateKeyPKCS8DER`` is an *unencrypted* PKCS#8 `PrivateKeyInfo`; ``chainDER``
/// never repeats ``certificateDER`` and keeps the order the file had (for a PFX written by certd:
/// issuer of the leaf first). Isolation: a plain `Sendable` value.
public struct KeyStoreContents: Sendable, Equatable {
    /// The private key as unencrypted PKCS#8 DER, or `nil` when the store holds certificates only.
    public var privateKeyPKCS8DER: [UInt8]?
    /// The end-entity certificate belonging to the key, or `nil` when there is none.
    public var certificateDER: [UInt8]?
    /// The other certificates (intermediates, root), without the end-entity certificate.
    public var chainDER: [[UInt8]]
    /// The PKCS#12 friendly name or the Java alias, when the file carried one.
    public var friendlyName: String?

    /// Creates contents from DER parts.
    /// - Parameters:
    ///   - privateKeyPKCS8DER: unencrypted PKCS#8 DER of the key, if any.
    ///   - certificateDER: the end-entity certificate's DER, if any.
    ///   - chainDER: the remaining certificates' DER, issuer of the leaf first.
    ///   - friendlyName: the name to store with the key and certificate.
    public init(
        privateKeyPKCS8DER: [UInt8]?,
        certificateDER: [UInt8]?,
        chainDER: [[UInt8]] = [],
        friendlyName: String? = nil
    ) {
        self.privateKeyPKCS8DER = privateKeyPKCS8DER
        self.certificateDER = certificateDER
        self.chainDER = chainDER
        self.friendlyName = friendlyName
    }

    /// Appends a chain certificate unless it is the leaf or already in the chain: Java writes a
    /// root both as part of a key's chain and as its own trusted entry, and certd keeps one.
    mutating func appendToChain(_ der: [UInt8]) {
        guard der != self.certificateDER, !self.chainDER.contains(der) else { return }
        self.chainDER.append(der)
    }
}
