import CertDomain
import Foundation
import Testing

@Suite("Codable documents")
struct DocumentCodingTests {
    struct Authority: Codable, Equatable {
        var name: String
        var createdAt: Date
        var pathLength: Int?
    }

    static let collection = DocumentCollection("test.authority")

    @Test("a Codable value round-trips through a document with its sealed keys and dates to the millisecond")
    func roundTrip() async throws {
        let store = InMemoryInventoryStore()
        let value = Authority(name: "Root R1", createdAt: Date(timeIntervalSince1970: 1_800_000_000.123), pathLength: 1)
        try await store.write { writer in
            try writer.putEncodedDocument(
                value, in: Self.collection, key: "ca-1", sealedKeys: [SealedKey(role: .signing, blob: [1])])
        }
        let read = try store.read { try $0.decodedDocument(Authority.self, in: Self.collection, key: "ca-1") }
        #expect(read == value)
        let raw = try store.read { try $0.document(Self.collection, key: "ca-1") }
        #expect(raw?.sealedKeys == [SealedKey(role: .signing, blob: [1])])
        #expect(raw?.sealingID == "test.authority/ca-1")
        let missing = try store.read { try $0.decodedDocument(Authority.self, in: Self.collection, key: "ca-2") }
        #expect(missing == nil)
    }

    @Test("a body that does not decode is reported as a corrupt record naming the collection and key")
    func corruptBody() async throws {
        let store = InMemoryInventoryStore()
        try await store.write { writer in
            try writer.putDocument(StoredDocument(collection: Self.collection, key: "bad", body: Array("{".utf8)))
        }
        #expect(throws: InventoryStoreError.corruptRecord(table: "test.authority", key: "bad")) {
            try store.read { try $0.decodedDocuments(Authority.self, in: Self.collection) }
        }
    }
}
