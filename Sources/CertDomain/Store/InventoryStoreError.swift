/// Failures of a store implementation, as the port reports them.
///
/// Role: the common vocabulary between the domain and any ``InventoryStore``; the domain maps
/// these to ``DomainError`` (``storageFull`` to `.storageFull`, the rest to `.storageUnavailable`).
/// Every case leaves the transaction aborted: nothing of the failed body is stored.
public enum InventoryStoreError: Error, Equatable, Sendable {
    /// The store's fixed capacity (LMDB's map size) is exhausted; earlier data is intact.
    case storageFull
    /// A put would break a unique index.
    case duplicateKey(UniqueIndex)
    /// An appended audit event did not carry the next sequence number.
    case auditSequenceConflict(expected: UInt64, actual: UInt64)
    /// A stored record could not be decoded (unknown encoding version, truncated bytes).
    case corruptRecord(table: String, key: String)
    /// The store cannot be used (closed, I/O error); `reason` is for logs, not for peers.
    case unavailable(reason: String)

    /// The unique indexes of the port.
    public enum UniqueIndex: Equatable, Sendable {
        /// (owner, name) of certificate entries.
        case certificateName(owner: AccountID, name: String)
        /// A client-certificate fingerprint bound to accounts.
        case clientCertificateFingerprint(String)
    }
}
