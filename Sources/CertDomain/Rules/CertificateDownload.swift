/// A certificate with its decrypted key(s): the only place keys leave their seal.
public struct CertificateDownload: Sendable {
    public var entry: CertificateEntry
    /// The signing (or only) key, unencrypted PKCS#8 DER; nil when the entry holds no key.
    public var privateKeyPKCS8: [UInt8]?
    /// SM2 only: the encryption key, unencrypted PKCS#8 DER.
    public var encryptionPrivateKeyPKCS8: [UInt8]?

    public init(entry: CertificateEntry, privateKeyPKCS8: [UInt8]?, encryptionPrivateKeyPKCS8: [UInt8]?) {
        self.entry = entry
        self.privateKeyPKCS8 = privateKeyPKCS8
        self.encryptionPrivateKeyPKCS8 = encryptionPrivateKeyPKCS8
    }
}
