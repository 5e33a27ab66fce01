public import Foundation

/// One certificate in an account's inventory: the certificate itself, its sealed key(s), and the
/// details the listing filters and shows.
///
/// Role: the main record of the store. The detail fields are denormalised from the DER (through
/// CertCrypto) at upload so that listing never parses certificates.
/// Invariants (kept by the domain actors, relied on by the store):
/// - `name` is unique per `ownerAccountID` (the store refuses a duplicate with
///   ``InventoryStoreError/duplicateKey(_:)``).
/// - `details` describe `leafDER`; `chainDER` is ordered leaf-issuer first, root (if present) last.
/// - Private keys appear only sealed (`SealedKey`), bound to `id` and their role by associated data.
/// - `algorithm == .sm2` iff `encryptionCertificateDER != nil`; an SM2 entry with keys has both roles.
/// - Timestamps are whole milliseconds (see ``WallClock``); `details.notBefore/notAfter` whole seconds.
/// Isolation: a value type.
public struct CertificateEntry: Sendable, Equatable {
    public var id: CertificateID
    public var ownerAccountID: AccountID
    /// Unique per owner; 1...128 characters (checked by the domain).
    public var name: String
    public var source: CertificateSource
    public var algorithm: AlgorithmFamily
    /// The leaf (for SM2: the signing certificate), DER.
    public var leafDER: [UInt8]
    /// The issuers, ordered from the leaf's issuer upward, DER each.
    public var chainDER: [[UInt8]]
    /// SM2 only: the encryption certificate, DER.
    public var encryptionCertificateDER: [UInt8]?
    /// The sealed private keys: none (certificate without key), one `.signing` key (international),
    /// or `.signing` + `.encryption` (SM2 dual).
    public var sealedKeys: [SealedKey]
    public var details: CertificateFacts
    /// Empty string when none; matched exactly by ``CertificateQuery/resourceGroup``.
    public var resourceGroup: String
    public var tags: [String: String]
    public var createdAt: Date
    public var updatedAt: Date
    /// The CSR whose key this certificate uses, when it was uploaded against one.
    public var csrID: CSRID?
    /// Set when `source == .shared`: where the original lives (issue 6). Nil otherwise.
    public var sharedFrom: ShareOrigin?
    public var warnings: [CertificateWarning]

    public init(
        id: CertificateID,
        ownerAccountID: AccountID,
        name: String,
        source: CertificateSource,
        algorithm: AlgorithmFamily,
        leafDER: [UInt8],
        chainDER: [[UInt8]],
        encryptionCertificateDER: [UInt8]? = nil,
        sealedKeys: [SealedKey],
        details: CertificateFacts,
        resourceGroup: String = "",
        tags: [String: String] = [:],
        createdAt: Date,
        updatedAt: Date,
        csrID: CSRID? = nil,
        sharedFrom: ShareOrigin? = nil,
        warnings: [CertificateWarning] = []
    ) {
        self.id = id
        self.ownerAccountID = ownerAccountID
        self.name = name
        self.source = source
        self.algorithm = algorithm
        self.leafDER = leafDER
        self.chainDER = chainDER
        self.encryptionCertificateDER = encryptionCertificateDER
        self.sealedKeys = sealedKeys
        self.details = details
        self.resourceGroup = resourceGroup
        self.tags = tags
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.csrID = csrID
        self.sharedFrom = sharedFrom
        self.warnings = warnings
    }

    /// The sealed key with `role`, if the entry holds one.
    public func sealedKey(_ role: KeyRole) -> SealedKey? { self.sealedKeys.first { $0.role == role } }
}

/// Where an inventory entry came from. Stored by `rawValue`; append-only.
public enum CertificateSource: String, Sendable, Hashable, CaseIterable {
    /// Uploaded by the account (PEM/DER + key).
    case uploaded
    /// Synced from the account's private CA (issue 6).
    case pca
    /// Issued by the service's official issuer (issue 6).
    case official
    /// Someone else's official certificate shared with this account (issue 6); never holds keys.
    case shared
}

/// The algorithm family of an entry. Stored by `rawValue`; append-only.
public enum AlgorithmFamily: String, Sendable, Hashable, CaseIterable {
    /// RSA, ECDSA or Ed25519: one certificate, one key.
    case international
    /// Chinese SM2 dual certificates: a signing pair and an encryption pair.
    case sm2
}

/// The public-key algorithm family of a leaf or CSR (CertCrypto's `KeyAlgorithm` without size or
/// curve, which live in ``CertificateFacts``). Named apart from `CertCrypto.KeyAlgorithm` so files that
/// import both need no qualification. Stored by `rawValue` (the wire spelling); append-only.
public enum KeyFamily: String, Sendable, Hashable, CaseIterable {
    case rsa = "RSA"
    case ec = "EC"
    case sm2 = "SM2"
    case ed25519 = "Ed25519"
    case ed448 = "Ed448"
}

/// A private key sealed (AES-256-GCM via CertCrypto) under the master key.
///
/// Invariant: `blob` was sealed with associated data ``SealedKey/associatedData(for:role:)`` of the
/// record that holds it, so a blob copied into another record does not open.
public struct SealedKey: Sendable, Equatable {
    public var role: KeyRole
    /// The sealed bytes as CertCrypto's sealer produced them (nonce, ciphertext and tag).
    public var blob: [UInt8]

    public init(role: KeyRole, blob: [UInt8]) {
        self.role = role
        self.blob = blob
    }

    /// The associated data that binds a sealed key to its record and role:
    /// UTF-8 of `"certd.key.v1|" + recordID + "|" + role.rawValue`.
    ///
    /// The store uses the same function when it re-seals keys during master-key rotation.
    /// - Parameters:
    ///   - recordID: the certificate or CSR id (raw value).
    ///   - role: the key's role.
    /// - Returns: the associated-data bytes.
    public static func associatedData(for recordID: String, role: KeyRole) -> [UInt8] {
        Array("certd.key.v1|\(recordID)|\(role.rawValue)".utf8)
    }
}

/// What a sealed key is for. Stored by `rawValue`; append-only.
public enum KeyRole: String, Sendable, Hashable, CaseIterable {
    /// The key of an international certificate, or the SM2 signing key.
    case signing
    /// The SM2 encryption key.
    case encryption
    /// The key generated for a CSR (held by the CSR entry until a certificate takes it).
    case csr
}

/// The original of a shared entry (issue 6).
public struct ShareOrigin: Sendable, Equatable {
    public var ownerAccountID: AccountID
    public var certificateID: CertificateID

    public init(ownerAccountID: AccountID, certificateID: CertificateID) {
        self.ownerAccountID = ownerAccountID
        self.certificateID = certificateID
    }
}

/// A finding about a certificate that does not stop it from being stored (`leakRisk`,
/// `chainIncomplete`, ...).
public struct CertificateWarning: Sendable, Equatable {
    /// Stable camelCase code, for machines.
    public var code: String
    /// One sentence for humans.
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
