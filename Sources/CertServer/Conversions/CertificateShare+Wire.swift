import CertAPI
import CertDomain
import CertWire

extension CertDomain.CertificateShare {
    /// The wire form of a share.
    var wire: CertAPI.CertificateShare {
        CertAPI.CertificateShare(
            certificateID: self.certificateID.rawValue,
            ownerAccountID: self.ownerAccountID.rawValue,
            recipientAccountID: self.recipientAccountID.rawValue,
            recipientCertificateID: self.recipientCertificateID.rawValue,
            sharedAt: Timestamp(self.sharedAt)
        )
    }
}

extension CertAPI.Certificate {
    /// Adds the share status of `entry` (issue 6): `sharedBy` from the entry itself on the
    /// recipient side, `shared` from the share records on the owner side.
    /// - Parameters:
    ///   - entry: the entry this message describes.
    ///   - shares: ``CertDomain/CertificateInventory/shares(of:)`` of `entry`.
    mutating func addShareStatus(of entry: CertificateEntry, shares: [CertDomain.CertificateShare]) {
        if entry.source == .shared {
            self.sharedBy = shares.first?.wire
        } else {
            self.shared = shares.map(\.wire)
        }
    }
}
