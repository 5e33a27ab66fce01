import CertDomain

extension StoredDocument {
    static let recordVersion: UInt8 = 1

    /// The LMDB key: collection name, NUL, key bytes. Names and keys contain no NUL, so a collection's
    /// documents are one contiguous range in byte order of key.
    static func storeKey(_ collection: DocumentCollection, _ key: String) -> [UInt8] {
        var bytes = Array(collection.name.utf8)
        bytes.append(0)
        bytes.append(contentsOf: key.utf8)
        return bytes
    }

    func encodeRecord() -> [UInt8] {
        var writer = RecordWriter(version: Self.recordVersion, capacity: 64 + self.body.count)
        writer.writeString(self.collection.name)
        writer.writeString(self.key)
        writer.writeBytes(self.body)
        writer.writeCount(self.sealedKeys.count)
        for key in self.sealedKeys {
            writer.writeSealedKey(key)
        }
        return writer.bytes
    }

    init(record: UnsafeRawBufferPointer) throws(RecordDecodingError) {
        var reader = RecordReader(record)
        try reader.expectVersion(Self.recordVersion)
        let collection = try reader.readString()
        let key = try reader.readString()
        let body = try reader.readBytes()
        let count = try reader.readCount()
        var sealedKeys: [SealedKey] = []
        for _ in 0..<count {
            sealedKeys.append(try reader.readSealedKey())
        }
        try reader.expectEnd()
        self.init(collection: DocumentCollection(collection), key: key, body: body, sealedKeys: sealedKeys)
    }
}
