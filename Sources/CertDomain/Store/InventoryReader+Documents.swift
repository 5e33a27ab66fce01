public import Foundation

/// `Codable` access to documents, so features store plain Swift values.
///
/// Why JSON: feature records (CAs, shares, targets, jobs, notification settings) are small and read
/// far less often than certificate entries, whose hot-path binary encoding lives in CertStore; JSON
/// keeps them self-describing and lets fields be added without a record version bump (decoders must
/// give new fields defaults). Keys are sorted so equal values encode to equal bytes.
extension InventoryReader {
    /// The document at `key` decoded as `T`, or nil when there is none.
    /// - Throws: ``InventoryStoreError/corruptRecord(table:key:)`` when the body does not decode.
    public func decodedDocument<T: Decodable>(_ type: T.Type, in collection: DocumentCollection, key: String) throws
        -> T?
    {
        guard let document = try self.document(collection, key: key) else { return nil }
        return try Self.decode(type, document)
    }

    /// Documents of `collection` whose key starts with `prefix`, in byte order of key, strictly after
    /// `after`, at most `limit`, each decoded as `T`.
    /// - Throws: ``InventoryStoreError/corruptRecord(table:key:)`` when a body does not decode.
    public func decodedDocuments<T: Decodable>(
        _ type: T.Type,
        in collection: DocumentCollection,
        prefix: String = "",
        after: String? = nil,
        limit: Int = Int.max
    ) throws -> [T] {
        try self.documents(collection, prefix: prefix, after: after, limit: limit).map { try Self.decode(type, $0) }
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ document: StoredDocument) throws -> T {
        do {
            return try DocumentCoding.decoder.decode(type, from: Data(document.body))
        } catch {
            throw InventoryStoreError.corruptRecord(table: document.collection.name, key: document.key)
        }
    }
}

extension InventoryWriter {
    /// Encodes `value` as JSON and stores it at `key` (insert or replace).
    /// - Parameters:
    ///   - value: the record.
    ///   - collection: its collection.
    ///   - key: its key (non-empty, no NUL).
    ///   - sealedKeys: private keys the record owns, sealed for
    ///     ``StoredDocument/sealingID(collection:key:)``.
    /// - Throws: ``InventoryStoreError`` from the store; `EncodingError` only for values JSON cannot
    ///   represent (a programming error such as a non-finite Double).
    public func putEncodedDocument<T: Encodable>(
        _ value: T,
        in collection: DocumentCollection,
        key: String,
        sealedKeys: [SealedKey] = []
    ) throws {
        let body = try DocumentCoding.encoder.encode(value)
        try self.putDocument(
            StoredDocument(collection: collection, key: key, body: Array(body), sealedKeys: sealedKeys))
    }
}

/// The JSON coders of documents; one configuration so every feature encodes dates the same way.
enum DocumentCoding {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }
}
