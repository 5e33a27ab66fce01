/// A bounds-checked big-endian cursor over untrusted key-store bytes.
///
/// Role: every read of the JKS/JCEKS parser goes through it, so malformed input becomes
/// ``KeyStoreError/corrupt(detail:)`` instead of a trap or a huge allocation.
/// Invariant: `offset <= bytes.count`; a length is compared with the remaining bytes before any
/// allocation. Isolation: a value type, owned by one parse.
struct KeyStoreByteReader {
    let bytes: [UInt8]
    private(set) var offset: Int = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Bytes not yet consumed.
    var remaining: Int { self.bytes.count - self.offset }

    mutating func readUInt32(_ what: String) throws(KeyStoreError) -> UInt32 {
        let raw = try self.readBytes(4, what)
        return raw.reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func readUInt64(_ what: String) throws(KeyStoreError) -> UInt64 {
        let raw = try self.readBytes(8, what)
        return raw.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Reads a 32-bit length followed by that many bytes.
    mutating func readLengthPrefixed(_ what: String) throws(KeyStoreError) -> [UInt8] {
        let length = try self.readUInt32("length of \(what)")
        guard length <= Int32.max else {
            throw .corrupt(detail: "the length of \(what) is negative at byte \(self.offset - 4)")
        }
        return try self.readBytes(Int(length), what)
    }

    /// Reads Java's `DataOutputStream.writeUTF` format: a 16-bit length, then modified UTF-8.
    mutating func readJavaUTF(_ what: String) throws(KeyStoreError) -> String {
        let high = try self.readBytes(2, "length of \(what)")
        let length = Int(high[0]) << 8 | Int(high[1])
        let encoded = try self.readBytes(length, what)
        guard let string = JavaModifiedUTF8.decode(encoded) else {
            throw .corrupt(detail: "\(what) at byte \(self.offset - length) is not valid modified UTF-8")
        }
        return string
    }

    mutating func readBytes(_ count: Int, _ what: String) throws(KeyStoreError) -> [UInt8] {
        guard count >= 0, count <= self.remaining else {
            throw .corrupt(
                detail: "\(what) needs \(count) bytes at byte \(self.offset), but only \(self.remaining) remain"
            )
        }
        defer { self.offset += count }
        return Array(self.bytes[self.offset..<self.offset + count])
    }
}
