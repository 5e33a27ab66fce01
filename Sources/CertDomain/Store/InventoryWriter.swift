/// Write access inside one write transaction; everything it does commits or aborts together.
///
/// Role: handed to ``InventoryStore/write(_:)`` bodies. Not `Sendable`: it lives only inside the body.
/// Every `put` inserts or replaces by id and keeps all secondary indexes in step within the same
/// transaction (a replaced record's old index entries disappear). Reads through the writer see the
/// transaction's own writes.
public protocol InventoryWriter: InventoryReader {
    /// Inserts or replaces the account with `account.id`.
    /// - Throws: ``InventoryStoreError/duplicateKey(_:)`` with `.clientCertificateFingerprint` when a
    ///   fingerprint belongs to another account (the store is unchanged by this call).
    func putAccount(_ account: Account) throws

    /// Removes the account (its certificates and CSRs are not touched).
    /// - Returns: whether it existed.
    @discardableResult
    func deleteAccount(id: AccountID) throws -> Bool

    /// Inserts or replaces the certificate entry with `entry.id`.
    /// - Throws: ``InventoryStoreError/duplicateKey(_:)`` with `.certificateName` when another entry
    ///   of the same owner has the same name (the store is unchanged by this call).
    func putCertificate(_ entry: CertificateEntry) throws

    /// Removes the certificate entry and all its index entries.
    /// - Returns: whether it existed.
    @discardableResult
    func deleteCertificate(id: CertificateID) throws -> Bool

    /// Inserts or replaces the CSR entry with `entry.id`.
    func putCSR(_ entry: CSREntry) throws

    /// Removes the CSR entry.
    /// - Returns: whether it existed.
    @discardableResult
    func deleteCSR(id: CSRID) throws -> Bool

    /// Appends `event` to the audit log. The store does not compute hashes (the domain does) but
    /// refuses an event whose sequence is not exactly the last sequence + 1 (1 for an empty log).
    /// - Throws: ``InventoryStoreError/auditSequenceConflict(expected:actual:)``.
    func appendAudit(_ event: AuditEvent) throws

    /// Inserts or replaces the document at (`document.collection`, `document.key`).
    func putDocument(_ document: StoredDocument) throws

    /// Removes the document.
    /// - Returns: whether it existed.
    @discardableResult
    func deleteDocument(_ collection: DocumentCollection, key: String) throws -> Bool
}
