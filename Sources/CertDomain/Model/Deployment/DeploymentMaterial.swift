/// What an executor deploys: the certificate, its chain and, if the target may receive it, the key.
///
/// Invariants: PEM text throughout; `privateKeyPEM` is nil unless the target's `allowKey` is true;
/// executors never log or echo `privateKeyPEM`.
/// Isolation: a value type, built by the runner per attempt and dropped after it.
public struct DeploymentMaterial: Sendable, Equatable {
    /// The entry's raw id and name.
    public var certificateID: String
    public var certificateName: String
    public var fingerprintSHA256: String
    /// The leaf, PEM.
    public var certificatePEM: String
    /// The issuers, leaf's issuer first, PEM (empty when none).
    public var chainPEM: String
    /// PKCS#8 PEM, unencrypted; nil when the target may not receive keys.
    public var privateKeyPEM: String?
    /// SM2 dual entries: the encryption certificate, PEM (nil for every other entry).
    public var encryptionCertificatePEM: String?
    /// SM2 dual entries: the encryption key, PKCS#8 PEM; nil when the target may not receive keys.
    public var encryptionPrivateKeyPEM: String?

    public init(
        certificateID: String, certificateName: String, fingerprintSHA256: String, certificatePEM: String,
        chainPEM: String, privateKeyPEM: String?, encryptionCertificatePEM: String? = nil,
        encryptionPrivateKeyPEM: String? = nil
    ) {
        self.certificateID = certificateID
        self.certificateName = certificateName
        self.fingerprintSHA256 = fingerprintSHA256
        self.certificatePEM = certificatePEM
        self.chainPEM = chainPEM
        self.privateKeyPEM = privateKeyPEM
        self.encryptionCertificatePEM = encryptionCertificatePEM
        self.encryptionPrivateKeyPEM = encryptionPrivateKeyPEM
    }

    /// The leaf followed by its chain.
    public var fullChainPEM: String { self.certificatePEM + self.chainPEM }
}
