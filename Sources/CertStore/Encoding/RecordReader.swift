/// Reads a record written by `RecordWriter`, straight from the (possibly memory-mapped) bytes.
///
/// Invariant: never reads past `buffer`; any malformed input makes the read throw `RecordDecodingError`.
/// Isolation: lives only inside the closure that owns `buffer` (a transaction's value view).
struct RecordReader {
    private let buffer: UnsafeRawBufferPointer
    private var offset = 0

    init(_ buffer: UnsafeRawBufferPointer) {
        self.buffer = buffer
    }

    var isAtEnd: Bool { self.offset == self.buffer.count }

    mutating func readByte() throws(RecordDecodingError) -> UInt8 {
        guard self.offset < self.buffer.count else { throw .truncated }
        defer { self.offset += 1 }
        return self.buffer[self.offset]
    }

    mutating func readBool() throws(RecordDecodingError) -> Bool {
        switch try self.readByte() {
        case 0: return false
        case 1: return true
        default: throw .invalidValue
        }
    }

    mutating func readVarint() throws(RecordDecodingError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try self.readByte()
            guard shift < 64 else { throw .invalidValue }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                return result
            }
            shift += 7
        }
    }

    mutating func readCount() throws(RecordDecodingError) -> Int {
        let value = try self.readVarint()
        guard value <= UInt64(self.buffer.count - self.offset) * 8 + 64 else { throw .invalidValue }
        return Int(value)
    }

    mutating func readInt64() throws(RecordDecodingError) -> Int64 {
        guard self.offset + 8 <= self.buffer.count else { throw .truncated }
        var bits: UInt64 = 0
        for index in self.offset..<self.offset + 8 {
            bits = bits << 8 | UInt64(self.buffer[index])
        }
        self.offset += 8
        return Int64(bitPattern: bits)
    }

    private mutating func readSlice() throws(RecordDecodingError) -> UnsafeRawBufferPointer {
        let count = try self.readCount()
        guard count <= self.buffer.count - self.offset else { throw .truncated }
        defer { self.offset += count }
        return UnsafeRawBufferPointer(rebasing: self.buffer[self.offset..<self.offset + count])
    }

    mutating func readBytes() throws(RecordDecodingError) -> [UInt8] {
        let slice = try self.readSlice()
        // One memcpy; `Array(slice)` iterates byte by byte (measured: decode was dominated by it).
        return [UInt8](unsafeUninitializedCapacity: slice.count) { buffer, initialized in
            if let source = slice.baseAddress, slice.count > 0 {
                UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: source, byteCount: slice.count)
            }
            initialized = slice.count
        }
    }

    mutating func readString() throws(RecordDecodingError) -> String {
        let slice = try self.readSlice()
        // The store only writes valid UTF-8 (from Swift strings); decoding repairs rather than rejects,
        // which keeps this on the standard library's fast contiguous path.
        return String(decoding: slice.bindMemory(to: UInt8.self), as: UTF8.self)
    }

    mutating func readOptionalString() throws(RecordDecodingError) -> String? {
        try self.readBool() ? try self.readString() : nil
    }

    mutating func readOptionalBytes() throws(RecordDecodingError) -> [UInt8]? {
        try self.readBool() ? try self.readBytes() : nil
    }

    mutating func readStrings() throws(RecordDecodingError) -> [String] {
        let count = try self.readCount()
        var values: [String] = []
        values.reserveCapacity(min(count, 64))
        for _ in 0..<count {
            values.append(try self.readString())
        }
        return values
    }

    mutating func readStringMap() throws(RecordDecodingError) -> [String: String] {
        let count = try self.readCount()
        var values: [String: String] = [:]
        values.reserveCapacity(min(count, 64))
        for _ in 0..<count {
            let key = try self.readString()
            values[key] = try self.readString()
        }
        return values
    }

    /// Reads a raw-value enum stored as its string.
    mutating func readEnum<E: RawRepresentable>(_ type: E.Type) throws(RecordDecodingError) -> E
    where E.RawValue == String {
        guard let value = E(rawValue: try self.readString()) else { throw .invalidValue }
        return value
    }
}
