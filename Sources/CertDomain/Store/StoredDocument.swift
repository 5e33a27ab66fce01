/// One record of a ``DocumentCollection``: an opaque body plus the sealed private keys it owns.
///
/// Role: the unit of ``InventoryReader/document(_:key:)`` and ``InventoryWriter/putDocument(_:)``.
/// The store never interprets `body` (features encode it, usually with the `Codable` helpers in
/// `InventoryReader+Documents.swift`); it keeps `sealedKeys` apart from the body so master-key
/// rotation can reseal them without knowing the feature's format.
/// Invariants: `key` is non-empty UTF-8 without NUL; a sealed key in `sealedKeys` was sealed with the
/// associated data ``SealedKey/associatedData(for:role:)`` of ``sealingID`` and its role, and
/// rotation keeps that binding.
public struct StoredDocument: Sendable, Equatable {
    /// The collection this document belongs to.
    public var collection: DocumentCollection
    /// The document's key inside its collection (listing order is the byte order of keys).
    public var key: String
    /// The feature's encoded record.
    public var body: [UInt8]
    /// Private keys held by this record, sealed under the master key.
    public var sealedKeys: [SealedKey]

    /// - Parameters:
    ///   - collection: the collection.
    ///   - key: the key inside the collection (non-empty, no NUL).
    ///   - body: the encoded record.
    ///   - sealedKeys: sealed private keys bound to ``sealingID``.
    public init(collection: DocumentCollection, key: String, body: [UInt8], sealedKeys: [SealedKey] = []) {
        precondition(!key.isEmpty && !key.utf8.contains(0), "document keys are non-empty and contain no NUL")
        self.collection = collection
        self.key = key
        self.body = body
        self.sealedKeys = sealedKeys
    }

    /// The record id the document's sealed keys are bound to: `"<collection>/<key>"`.
    public var sealingID: String { Self.sealingID(collection: self.collection, key: self.key) }

    /// The sealing id of a document that may not exist yet (to seal a key before storing it).
    public static func sealingID(collection: DocumentCollection, key: String) -> String {
        "\(collection.name)/\(key)"
    }
}
