public import CertCrypto
public import Foundation

/// A certificate issued by an intermediate private CA.
///
/// Role: the record of `pca.issued` (key `"<caID>/<id>"`, so listing per CA is a prefix scan); the
/// key the service generated, if any, is sealed in the document's `sealedKeys` (role `.signing`).
/// Invariants: `status == .uploaded` implies `inventoryEntryID != nil` and the last sync put that entry;
/// `status == .revoked` iff `revokedAt` and `revocationReason` are set (revocation is final);
/// `validityDays > 365` only with `riskAccepted`.
/// Isolation: a value type.
public struct PCACertificate: Sendable, Equatable, Codable {
    /// Where the certificate stands (issue 6's status column).
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Issued, not in the inventory. -> uploaded (sync), revoked.
        case notSynced
        /// Synced into the inventory as a `pca` entry. -> revoked.
        case uploaded
        /// Revoked; final.
        case revoked
    }

    public var id: PCACertificateID
    public var caID: PrivateCAID
    public var ownerAccountID: String
    public var commonName: String
    public var subject: String
    /// SAN values with their type prefix (`DNS:a.example`, `IP:10.0.0.1`).
    public var subjectAlternativeNames: [String]
    public var serverAuth: Bool
    public var clientAuth: Bool
    public var validityDays: Int
    public var algorithm: String
    @Base64Bytes public var certificateDER: [UInt8]
    public var serialNumberHex: String
    public var fingerprintSHA256: String
    public var notBefore: Date
    public var notAfter: Date
    /// Whether the service generated (and holds) the key; false for CSR-based issuance.
    public var hasKey: Bool
    /// The issuer asked for more than one year and accepted the leak risk.
    public var riskAccepted: Bool
    public var status: Status
    /// The inventory entry the last sync created (raw ``CertificateID``).
    public var inventoryEntryID: String?
    public var revokedAt: Date?
    public var revocationReason: RevocationReason?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: PCACertificateID, caID: PrivateCAID, ownerAccountID: String, commonName: String, subject: String,
        subjectAlternativeNames: [String], serverAuth: Bool, clientAuth: Bool, validityDays: Int, algorithm: String,
        certificateDER: [UInt8], serialNumberHex: String, fingerprintSHA256: String, notBefore: Date, notAfter: Date,
        hasKey: Bool, riskAccepted: Bool, status: Status = .notSynced, inventoryID: CertificateID? = nil,
        revokedAt: Date? = nil, revocationReason: RevocationReason? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.caID = caID
        self.ownerAccountID = ownerAccountID
        self.commonName = commonName
        self.subject = subject
        self.subjectAlternativeNames = subjectAlternativeNames
        self.serverAuth = serverAuth
        self.clientAuth = clientAuth
        self.validityDays = validityDays
        self.algorithm = algorithm
        self.certificateDER = certificateDER
        self.serialNumberHex = serialNumberHex
        self.fingerprintSHA256 = fingerprintSHA256
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.hasKey = hasKey
        self.riskAccepted = riskAccepted
        self.status = status
        self.inventoryEntryID = inventoryID?.rawValue
        self.revokedAt = revokedAt
        self.revocationReason = revocationReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The inventory entry the last sync created.
    public var inventoryID: CertificateID? { self.inventoryEntryID.map(CertificateID.init(rawValue:)) }

    /// Findings shown with the certificate: `leakRisk` when it is valid for more than one year.
    public var warnings: [CertificateWarning] {
        LeakRisk.isLongLived(notBefore: self.notBefore, notAfter: self.notAfter) ? [LeakRisk.warning] : []
    }
}
