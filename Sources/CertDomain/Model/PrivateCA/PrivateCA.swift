public import CertCrypto
public import Foundation

/// One private CA of an account: a self-signed root or an intermediate under one of its roots.
///
/// Role: the record of `pca.authority` (key: the CA id); its key is sealed in the document's
/// `sealedKeys` (role `.signing`), never in this body.
/// Invariants: `kind == .root` iff `parentID == nil`; an intermediate's `region` is its root's;
/// `chainDER` holds the issuers above the CA (empty for a root), nearest first; `crlNumber` is the
/// number of the last CRL published (0: none yet) and only grows; `revokedAt` and `revocationReason`
/// are set together, only on an intermediate, and never cleared (revocation is final). Records written
/// before revocation existed decode with both nil (active).
/// Isolation: a value type.
public struct PrivateCA: Sendable, Equatable, Codable {
    /// Root or intermediate.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case root
        case intermediate
    }

    public var id: PrivateCAID
    public var ownerAccountID: String
    public var region: String
    public var kind: Kind
    public var parentID: PrivateCAID?
    public var algorithm: PCAKeyAlgorithm
    /// RFC 4514 subject.
    public var subject: String
    public var commonName: String
    /// basicConstraints path length; nil when unlimited.
    public var pathLength: Int?
    @Base64Bytes public var certificateDER: [UInt8]
    @Base64BytesList public var chainDER: [[UInt8]]
    public var serialNumberHex: String
    public var notBefore: Date
    public var notAfter: Date
    public var createdAt: Date
    public var crlNumber: UInt64 = 0
    /// When its root revoked it; nil while active.
    public var revokedAt: Date?
    /// Why its root revoked it; nil while active.
    public var revocationReason: RevocationReason?

    public init(
        id: PrivateCAID, ownerAccountID: String, region: String, kind: Kind, parentID: PrivateCAID?,
        algorithm: PCAKeyAlgorithm, subject: String, commonName: String, pathLength: Int?,
        certificateDER: [UInt8], chainDER: [[UInt8]], serialNumberHex: String, notBefore: Date, notAfter: Date,
        createdAt: Date, crlNumber: UInt64 = 0, revokedAt: Date? = nil, revocationReason: RevocationReason? = nil
    ) {
        self.id = id
        self.ownerAccountID = ownerAccountID
        self.region = region
        self.kind = kind
        self.parentID = parentID
        self.algorithm = algorithm
        self.subject = subject
        self.commonName = commonName
        self.pathLength = pathLength
        self.certificateDER = certificateDER
        self.chainDER = chainDER
        self.serialNumberHex = serialNumberHex
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.createdAt = createdAt
        self.crlNumber = crlNumber
        self.revokedAt = revokedAt
        self.revocationReason = revocationReason
    }

    /// Whether its root revoked it (then it refuses issuance and re-issue).
    public var isRevoked: Bool { self.revokedAt != nil }
}
