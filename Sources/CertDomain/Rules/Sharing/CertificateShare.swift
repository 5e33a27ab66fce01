public import Foundation

/// One share of an official certificate with another account (issue 6).
///
/// Role: the record of a live share, stored as a document keyed by the original's id (a
/// certificate is shared once, so the key is unique); answers "shared with whom, since when" for
/// the owner and links the recipient's entry (source `shared`) back to the original.
/// Invariants: `recipientCertificateID` names an entry of `recipientAccountID` whose `sharedFrom`
/// is (`ownerAccountID`, `certificateID`); the record and that entry are written and removed in
/// the same transaction.
/// Isolation: a value type.
public struct CertificateShare: Sendable, Equatable, Codable {
    /// The owner's (original) certificate.
    public var certificateID: CertificateID
    public var ownerAccountID: AccountID
    public var recipientAccountID: AccountID
    /// The recipient's entry: source `shared`, no keys.
    public var recipientCertificateID: CertificateID
    public var sharedAt: Date

    public init(
        certificateID: CertificateID, ownerAccountID: AccountID, recipientAccountID: AccountID,
        recipientCertificateID: CertificateID, sharedAt: Date
    ) {
        self.certificateID = certificateID
        self.ownerAccountID = ownerAccountID
        self.recipientAccountID = recipientAccountID
        self.recipientCertificateID = recipientCertificateID
        self.sharedAt = sharedAt
    }

    private enum CodingKeys: String, CodingKey {
        case certificateID, ownerAccountID, recipientAccountID, recipientCertificateID, sharedAt
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.certificateID = CertificateID(rawValue: try container.decode(String.self, forKey: .certificateID))
        self.ownerAccountID = AccountID(rawValue: try container.decode(String.self, forKey: .ownerAccountID))
        self.recipientAccountID = AccountID(rawValue: try container.decode(String.self, forKey: .recipientAccountID))
        self.recipientCertificateID = CertificateID(
            rawValue: try container.decode(String.self, forKey: .recipientCertificateID))
        self.sharedAt = try container.decode(Date.self, forKey: .sharedAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.certificateID.rawValue, forKey: .certificateID)
        try container.encode(self.ownerAccountID.rawValue, forKey: .ownerAccountID)
        try container.encode(self.recipientAccountID.rawValue, forKey: .recipientAccountID)
        try container.encode(self.recipientCertificateID.rawValue, forKey: .recipientCertificateID)
        try container.encode(self.sharedAt, forKey: .sharedAt)
    }
}
