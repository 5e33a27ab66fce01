extension InventoryStoreConformance.Context {
    /// Documents: insert/replace/delete by key, collections isolated from each other, prefix ranges
    /// and `after`/`limit` paging in byte order, sealed keys kept, a failed body leaves nothing.
    func documentsRoundTripAndPrefixes() async throws {
        let authorities = DocumentCollection("conformance.a")
        let other = DocumentCollection("conformance.a-other")
        let keys = ["ca2/x", "ca1/b", "ca1/a", "ca10/a", "Z", "ca1/\u{e9}"]
        let sealed = SealedKey(role: .signing, blob: [1, 2, 3])
        try await self.store.write { writer in
            for (index, key) in keys.enumerated() {
                try writer.putDocument(
                    StoredDocument(
                        collection: authorities, key: key, body: [UInt8(index)], sealedKeys: index == 1 ? [sealed] : [])
                )
            }
            try writer.putDocument(StoredDocument(collection: other, key: "ca1/a", body: [99]))
        }
        let all = try self.store.read { try $0.documents(authorities, prefix: "", after: nil, limit: 100).map(\.key) }
        try self.expect(all == ["Z", "ca1/a", "ca1/b", "ca1/\u{e9}", "ca10/a", "ca2/x"], "byte order of keys: \(all)")
        let ca1 = try self.store.read {
            try $0.documents(authorities, prefix: "ca1/", after: nil, limit: 100).map(\.key)
        }
        try self.expect(
            ca1 == ["ca1/a", "ca1/b", "ca1/\u{e9}"], "prefix ca1/ must not reach ca10/ or another collection: \(ca1)")
        let page = try self.store.read {
            try $0.documents(authorities, prefix: "ca1/", after: "ca1/a", limit: 1).map(\.key)
        }
        try self.expect(page == ["ca1/b"], "after/limit page: \(page)")
        let withKey = try self.store.read { try $0.document(authorities, key: "ca1/b") }
        try self.expect(
            withKey?.sealedKeys == [sealed] && withKey?.body == [1],
            "document round trip: \(String(describing: withKey))")
        let isolated = try self.store.read { try $0.document(other, key: "ca1/a")?.body }
        try self.expect(isolated == [99], "collections are separate namespaces")

        try await self.store.write { writer in
            try writer.putDocument(StoredDocument(collection: authorities, key: "ca1/b", body: [7]))
            let deleted = try writer.deleteDocument(authorities, key: "Z")
            let deletedAgain = try writer.deleteDocument(authorities, key: "Z")
            try self.expect(deleted && !deletedAgain, "deleteDocument reports whether the document existed")
        }
        let replaced = try self.store.read { try $0.document(authorities, key: "ca1/b") }
        try self.expect(replaced?.body == [7] && replaced?.sealedKeys == [], "put replaces the whole document")

        struct Expected: Error {}
        do {
            try await self.store.write { writer in
                try writer.putDocument(StoredDocument(collection: authorities, key: "ghost", body: []))
                throw Expected()
            }
        } catch is Expected {}
        let ghost = try self.store.read { try $0.document(authorities, key: "ghost") }
        try self.expect(ghost == nil, "a failed write body leaves no document behind")
    }
}
