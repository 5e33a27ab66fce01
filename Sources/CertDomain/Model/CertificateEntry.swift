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
