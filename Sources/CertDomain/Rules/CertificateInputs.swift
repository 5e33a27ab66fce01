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

/// What an upload stored, and which entries of the account already hold the same certificate.
public struct UploadResult: Sendable, Equatable {
    public var entry: CertificateEntry
    /// Earlier entries of the same account with the same SHA-256 fingerprint (allowed, but reported).
    public var sameFingerprint: [CertificateEntry]

    public init(entry: CertificateEntry, sameFingerprint: [CertificateEntry]) {
        self.entry = entry
        self.sameFingerprint = sameFingerprint
    }
}

/// The filters of a listing (see ``CertificateQuery`` for exact semantics); nil means no filter.
public struct CertificateFilter: Sendable, Equatable {
    public var source: CertificateSource?
    public var expiry: ExpiryFilter?
    public var tag: TagFilter?
    public var resourceGroup: String?
    public var keyAlgorithm: KeyFamily?
    public var text: String?

    public init(
        source: CertificateSource? = nil,
        expiry: ExpiryFilter? = nil,
        tag: TagFilter? = nil,
        resourceGroup: String? = nil,
        keyAlgorithm: KeyFamily? = nil,
        text: String? = nil
    ) {
        self.source = source
        self.expiry = expiry
        self.tag = tag
        self.resourceGroup = resourceGroup
        self.keyAlgorithm = keyAlgorithm
        self.text = text
    }
}

/// One page of a listing with the opaque token of the next page.
public struct CertificateListing: Sendable, Equatable {
    public var entries: [CertificateEntry]
    /// Pass back as `pageToken` with the same sort; nil on the last page.
    public var nextPageToken: String?

    public init(entries: [CertificateEntry], nextPageToken: String?) {
        self.entries = entries
        self.nextPageToken = nextPageToken
    }
}

/// Changes to a certificate entry; nil or empty fields change nothing.
public struct CertificateUpdate: Sendable, Equatable {
    public var name: String?
    /// Tags to add or overwrite.
    public var setTags: [String: String]
    /// Tag keys to remove (applied before `setTags`).
    public var removeTags: [String]
    /// The new resource group ("" clears it).
    public var resourceGroup: String?

    public init(
        name: String? = nil, setTags: [String: String] = [:], removeTags: [String] = [], resourceGroup: String? = nil
    ) {
        self.name = name
        self.setTags = setTags
        self.removeTags = removeTags
        self.resourceGroup = resourceGroup
    }
}

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
