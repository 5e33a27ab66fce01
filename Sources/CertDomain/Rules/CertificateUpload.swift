/// An upload of an international (RSA, ECDSA, Ed25519) certificate.
///
/// Role: input of ``CertificateInventory/uploadCertificate(_:_:)``. The key comes either from
/// `privateKey` or, when that is nil, from the server-generated key of the CSR named by `csrID`.
/// Isolation: a plain value.
public struct CertificateUpload: Sendable {
    /// 1...128 characters, unique in the account.
    public var name: String
    /// PEM (one or more blocks, the chain may be included, any order) or one DER certificate.
    public var certificate: [UInt8]
    /// Optional separate chain field, PEM or DER.
    public var chain: [UInt8]?
    /// PEM or DER (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1); nil to take the key from `csrID`.
    public var privateKey: [UInt8]?
    public var passphrase: [UInt8]?
    /// A CSR of the caller whose public key the certificate carries; marked used by this upload.
    public var csrID: CSRID?
    public var resourceGroup: String
    public var tags: [String: String]

    public init(
        name: String,
        certificate: [UInt8],
        chain: [UInt8]? = nil,
        privateKey: [UInt8]? = nil,
        passphrase: [UInt8]? = nil,
        csrID: CSRID? = nil,
        resourceGroup: String = "",
        tags: [String: String] = [:]
    ) {
        self.name = name
        self.certificate = certificate
        self.chain = chain
        self.privateKey = privateKey
        self.passphrase = passphrase
        self.csrID = csrID
        self.resourceGroup = resourceGroup
        self.tags = tags
    }
}
