extension InMemoryInventoryStore.Transaction {
    func document(_ collection: DocumentCollection, key: String) throws -> StoredDocument? {
        self.state.documents[collection]?[key]
    }

    func documents(_ collection: DocumentCollection, prefix: String, after: String?, limit: Int) throws
        -> [StoredDocument]
    {
        guard let all = self.state.documents[collection] else { return [] }
        let prefixBytes = Array(prefix.utf8)
        let afterBytes = after.map { Array($0.utf8) }
        // Byte order of UTF-8, as LMDB's default comparison gives (String's < is not byte order).
        let keys = all.keys.map { Array($0.utf8) }
            .filter { $0.starts(with: prefixBytes) }
            .filter { key in afterBytes.map { $0.lexicographicallyPrecedes(key) } ?? true }
            .sorted { $0.lexicographicallyPrecedes($1) }
            .prefix(max(1, limit))
        return keys.compactMap { all[String(decoding: $0, as: UTF8.self)] }
    }

    func putDocument(_ document: StoredDocument) throws {
        self.state.documents[document.collection, default: [:]][document.key] = document
    }

    @discardableResult
    func deleteDocument(_ collection: DocumentCollection, key: String) throws -> Bool {
        self.state.documents[collection]?.removeValue(forKey: key) != nil
    }
}
