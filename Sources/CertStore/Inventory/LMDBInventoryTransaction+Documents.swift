import CertDomain

extension LMDBInventoryTransaction {
    func document(_ collection: DocumentCollection, key: String) throws -> StoredDocument? {
        try self.record(self.tables.documents, StoredDocument.storeKey(collection, key), StoredDocument.init(record:))
    }

    func documents(_ collection: DocumentCollection, prefix: String, after: String?, limit: Int) throws
        -> [StoredDocument]
    {
        var found: [StoredDocument] = []
        let limit = max(1, limit)
        try self.storage {
            try self.transaction.scan(
                self.tables.documents,
                range: LMDBKeyRange(prefix: StoredDocument.storeKey(collection, prefix)),
                resumeAfter: after.map { StoredDocument.storeKey(collection, $0) }
            ) { key, value in
                do {
                    found.append(try StoredDocument(record: value))
                } catch {
                    throw InventoryStoreError.corruptRecord(
                        table: self.tables.documents.name, key: Self.printable(Array(key)))
                }
                return found.count < limit
            }
        }
        return found
    }

    func putDocument(_ document: StoredDocument) throws {
        try self.storage {
            try self.transaction.put(
                self.tables.documents, StoredDocument.storeKey(document.collection, document.key),
                document.encodeRecord())
        }
    }

    @discardableResult
    func deleteDocument(_ collection: DocumentCollection, key: String) throws -> Bool {
        try self.storage {
            try self.transaction.delete(self.tables.documents, StoredDocument.storeKey(collection, key))
        }
    }
}
