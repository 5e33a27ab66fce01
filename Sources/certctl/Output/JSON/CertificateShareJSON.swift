import CertAPI

/// The JSON form of a share (`cert share`, `cert unshare`, `cert shares`, and the `shared`/`sharedBy`
/// fields of `cert get`): certificateID, ownerAccountID, recipientAccountID, recipientCertificateID,
/// sharedAt (ISO 8601 UTC).
///
/// Invariant: field names never change; new fields may be added.
/// Isolation: a plain value.
struct CertificateShareJSON: Encodable {
    var certificateID: String
    var ownerAccountID: String
    var recipientAccountID: String
    var recipientCertificateID: String
    var sharedAt: String

    init(_ share: CertificateShare) {
        self.certificateID = share.certificateID
        self.ownerAccountID = share.ownerAccountID
        self.recipientAccountID = share.recipientAccountID
        self.recipientCertificateID = share.recipientCertificateID
        self.sharedAt = share.sharedAt.iso8601
    }
}
