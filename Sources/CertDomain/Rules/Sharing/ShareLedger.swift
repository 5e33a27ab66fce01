import Foundation

/// The share records and the steps that keep them consistent with the entries, run inside the
/// caller's write transaction.
///
/// Role: shared by ``CertificateSharing`` (share, unshare), ``OfficialCertificates`` (a renewal
/// reaches the recipient) and ``CertificateInventory`` (deleting either side ends the share), so
/// every path that touches a shared certificate keeps record and recipient entry in step.
/// Invariants: see ``CertificateShare``; every share that ends is audited in the same body.
/// Isolation: stateless; runs inside a write body.
enum ShareLedger {
    /// Share records keyed by the original certificate's id.
    static let collection = DocumentCollection("share.shares")

    /// The live share of `certificateID`, if any.
    static func share(of certificateID: CertificateID, in reader: any InventoryReader) throws -> CertificateShare? {
        try reader.decodedDocument(CertificateShare.self, in: self.collection, key: certificateID.rawValue)
    }

    static func put(_ share: CertificateShare, to writer: any InventoryWriter) throws {
        try writer.putEncodedDocument(share, in: self.collection, key: share.certificateID.rawValue)
    }

    /// Ends whatever share `deleted` took part in, after it was deleted in this transaction: the
    /// original's deletion removes the recipient's entry; the recipient's deletion removes the record.
    /// - Parameters:
    ///   - deleted: the entry that was just deleted.
    ///   - writer: the open write transaction.
    ///   - time: the operation's time.
    ///   - caller: who deleted it.
    static func entryDeleted(_ deleted: CertificateEntry, writer: any InventoryWriter, time: Date, caller: Caller)
        throws
    {
        if deleted.source == .shared, let origin = deleted.sharedFrom {
            guard let share = try self.share(of: origin.certificateID, in: writer),
                share.recipientCertificateID == deleted.id
            else { return }
            _ = try writer.deleteDocument(self.collection, key: share.certificateID.rawValue)
            try AuditTrail.append(
                to: writer, time: time, caller: caller, action: .sharedCertificateRemoved,
                target: share.certificateID.rawValue,
                details: [
                    "owner": share.ownerAccountID.rawValue, "recipient": share.recipientAccountID.rawValue,
                    "recipientCertificate": deleted.id.rawValue,
                ])
            return
        }
        guard let share = try self.share(of: deleted.id, in: writer) else { return }
        _ = try writer.deleteDocument(self.collection, key: share.certificateID.rawValue)
        _ = try writer.deleteCertificate(id: share.recipientCertificateID)
        try AuditTrail.append(
            to: writer, time: time, caller: caller, action: .shareEnded, target: share.certificateID.rawValue,
            details: [
                "recipient": share.recipientAccountID.rawValue,
                "recipientCertificate": share.recipientCertificateID.rawValue, "cause": "originalDeleted",
            ])
    }

    /// Copies a renewed original's certificates and facts into the recipient's entry, if shared.
    /// - Returns: the share that was updated, or nil.
    @discardableResult
    static func originalRenewed(_ original: CertificateEntry, writer: any InventoryWriter, time: Date) throws
        -> CertificateShare?
    {
        guard let share = try self.share(of: original.id, in: writer),
            var copy = try writer.certificate(id: share.recipientCertificateID)
        else { return nil }
        copy.apply(certificatesOf: original)
        copy.updatedAt = time
        try writer.putCertificate(copy)
        return share
    }
}
