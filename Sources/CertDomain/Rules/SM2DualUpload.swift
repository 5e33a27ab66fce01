/// An upload of an SM2 dual certificate: a signing pair and an encryption pair.
///
/// Role: input of ``CertificateInventory/uploadSM2DualCertificate(_:_:)``.
/// Isolation: a plain value.
public struct SM2DualUpload: Sendable {
    public var name: String
    public var signingCertificate: [UInt8]
    public var signingPrivateKey: [UInt8]
    public var encryptionCertificate: [UInt8]
    public var encryptionPrivateKey: [UInt8]
    public var chain: [UInt8]?
    public var signingPassphrase: [UInt8]?
    public var encryptionPassphrase: [UInt8]?
    public var resourceGroup: String
    public var tags: [String: String]

    public init(
        name: String,
        signingCertificate: [UInt8],
        signingPrivateKey: [UInt8],
        encryptionCertificate: [UInt8],
        encryptionPrivateKey: [UInt8],
        chain: [UInt8]? = nil,
        signingPassphrase: [UInt8]? = nil,
        encryptionPassphrase: [UInt8]? = nil,
        resourceGroup: String = "",
        tags: [String: String] = [:]
    ) {
        self.name = name
        self.signingCertificate = signingCertificate
        self.signingPrivateKey = signingPrivateKey
        self.encryptionCertificate = encryptionCertificate
        self.encryptionPrivateKey = encryptionPrivateKey
        self.chain = chain
        self.signingPassphrase = signingPassphrase
        self.encryptionPassphrase = encryptionPassphrase
        self.resourceGroup = resourceGroup
        self.tags = tags
    }
}
