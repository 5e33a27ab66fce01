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
    /// Adds the share status of `entry` (issue 6): `sharedBy` from the share record on the
    /// recipient side (``CertDomain/CertificateEntry/wire(now:isDetailed:)`` already fills it from the
    /// entry), `shared` from the share records on the owner side.
    /// - Parameters:
    ///   - entry: the entry this message describes.
    ///   - shares: ``CertDomain/CertificateInventory/shares(of:)`` of `entry`.
    mutating func addShareStatus(of entry: CertificateEntry, shares: [CertDomain.CertificateShare]) {
        if entry.source == .shared {
            if let share = shares.first { self.sharedBy = share.wire }
        } else {
            self.shared = shares.map(\.wire)
        }
    }
}
