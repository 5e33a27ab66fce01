import Foundation

extension InventoryReader {
    /// Every entry of `owner`, soonest expiry first, read page by page in one snapshot.
    /// - Parameters:
    ///   - owner: the account.
    ///   - now: the instant the query is evaluated at (no filter depends on it here).
    /// - Returns: the entries.
    func allCertificates(owner: AccountID, now: Date) throws -> [CertificateEntry] {
        var entries: [CertificateEntry] = []
        var cursor: CertificateCursor?
        repeat {
            let page = try self.listCertificates(
                CertificateQuery(owner: owner, now: now, limit: CertificateQuery.maximumLimit, after: cursor))
            entries += page.entries
            cursor = page.next
        } while cursor != nil
        return entries
    }

    /// Whether `id` is deployed to at least one target (see ``DocumentCollection/deployedCertificates``).
    func isDeployed(_ id: CertificateID) throws -> Bool {
        try !self.documents(
            .deployedCertificates, prefix: DocumentCollection.deployedCertificatesPrefix(id), after: nil, limit: 1
        ).isEmpty
    }

    /// Ids of `owner`'s certificates with notifications on (switches of deleted entries included).
    func notificationSwitches(owner: AccountID) throws -> Set<String> {
        let records = try self.decodedDocuments(
            SwitchRecord.self, in: .notificationSwitches, prefix: owner.rawValue + "/")
        return Set(records.map(\.certificateID))
    }
}
