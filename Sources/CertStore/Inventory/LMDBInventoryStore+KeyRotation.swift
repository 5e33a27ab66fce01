public import CertDomain

extension LMDBInventoryStore {
    /// Re-seals every stored private key (certificate entries and CSRs) in one write transaction:
    /// master-key rotation. Either every key is rewritten or, if `reseal` throws or the commit fails,
    /// none is.
    ///
    /// The store decides nothing about crypto: `reseal` opens the blob with the old master key and seals
    /// it with the new one, using ``SealedKey/associatedData(for:role:)`` of `recordID` and the key's role.
    /// Indexes are untouched (keys are not indexed). All records are rewritten in one transaction, so the
    /// map needs room for a second copy of every record holding a key while it runs.
    ///
    /// - Parameter reseal: maps a sealed key of the record with id `recordID` to its re-sealed form.
    /// - Returns: the number of keys re-sealed.
    /// - Throws: what `reseal` threw (nothing changed), or ``InventoryStoreError``.
    public func resealKeys(
        _ reseal: @escaping @Sendable (_ key: SealedKey, _ recordID: String) throws -> SealedKey
    ) async throws -> Int {
        let tables = self.tables
        do {
            return try await self.writer.write { transaction in
                let inventory = LMDBInventoryTransaction(transaction: transaction, tables: tables)
                var count = 0
                for id in try inventory.keysOf(tables.certs) {
                    guard var entry = try inventory.certificate(idBytes: id), !entry.sealedKeys.isEmpty else {
                        continue
                    }
                    entry.sealedKeys = try entry.sealedKeys.map { try reseal($0, entry.id.rawValue) }
                    count += entry.sealedKeys.count
                    try inventory.storage { try transaction.put(tables.certs, id, entry.encodeRecord()) }
                }
                for id in try inventory.keysOf(tables.csrs) {
                    guard var entry = try inventory.record(tables.csrs, id, CSREntry.init(record:)),
                        let key = entry.sealedKey
                    else { continue }
                    entry.sealedKey = try reseal(key, entry.id.rawValue)
                    count += 1
                    try inventory.storage { try transaction.put(tables.csrs, id, entry.encodeRecord()) }
                }
                for key in try inventory.keysOf(tables.documents) {
                    guard var document = try inventory.record(tables.documents, key, StoredDocument.init(record:)),
                        !document.sealedKeys.isEmpty
                    else { continue }
                    document.sealedKeys = try document.sealedKeys.map { try reseal($0, document.sealingID) }
                    count += document.sealedKeys.count
                    try inventory.storage { try transaction.put(tables.documents, key, document.encodeRecord()) }
                }
                return count
            }
        } catch let error as LMDBError {
            throw LMDBInventoryTransaction.portError(error)
        }
    }
}

extension LMDBInventoryTransaction {
    /// Every key of `database`, copied (so the caller may write while walking them).
    func keysOf(_ database: LMDBDatabase) throws -> [[UInt8]] {
        var keys: [[UInt8]] = []
        try self.storage {
            try self.transaction.scan(database, range: LMDBKeyRange(lower: [], upper: nil)) { key, _ in
                keys.append(Array(key))
                return true
            }
        }
        return keys
    }
}
