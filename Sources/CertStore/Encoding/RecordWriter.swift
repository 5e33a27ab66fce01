/// Builds the compact binary value of one stored record.
///
/// Format: the first byte is the record's encoding version (chosen by the caller); then fields in a fixed
/// order per record type and version. Integers: unsigned LEB128 varints (`UInt64`) or fixed 8-byte
/// big-endian (`Int64` times); byte strings and UTF-8 strings: varint length + bytes; optionals: a 0/1 byte
/// then the value; arrays: varint count then elements. DER is stored as is (never PEM).
/// Isolation: a value type used inside one encode call.
struct RecordWriter {
    private(set) var bytes: [UInt8]

    /// - Parameters:
    ///   - version: the encoding version byte that starts the record.
    ///   - capacity: expected size, to avoid regrowth.
    init(version: UInt8, capacity: Int = 256) {
        self.bytes = []
        self.bytes.reserveCapacity(capacity)
        self.bytes.append(version)
    }

    mutating func writeByte(_ value: UInt8) {
        self.bytes.append(value)
    }

    mutating func writeBool(_ value: Bool) {
        self.bytes.append(value ? 1 : 0)
    }

    mutating func writeVarint(_ value: UInt64) {
        var remaining = value
        while remaining >= 0x80 {
            self.bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        self.bytes.append(UInt8(remaining))
    }

    mutating func writeCount(_ value: Int) {
        self.writeVarint(UInt64(value))
    }

    mutating func writeInt64(_ value: Int64) {
        let bits = UInt64(bitPattern: value)
        for shift in stride(from: 56, through: 0, by: -8) {
            self.bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
        }
    }

    mutating func writeBytes(_ value: [UInt8]) {
        self.writeCount(value.count)
        self.bytes.append(contentsOf: value)
    }

    mutating func writeString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            self.writeCount(utf8.count)
            self.bytes.append(contentsOf: utf8)
        }
    }

    mutating func writeOptionalString(_ value: String?) {
        if let value {
            self.writeByte(1)
            self.writeString(value)
        } else {
            self.writeByte(0)
        }
    }

    mutating func writeOptionalBytes(_ value: [UInt8]?) {
        if let value {
            self.writeByte(1)
            self.writeBytes(value)
        } else {
            self.writeByte(0)
        }
    }

    mutating func writeStrings(_ values: [String]) {
        self.writeCount(values.count)
        for value in values {
            self.writeString(value)
        }
    }

    /// A string map, sorted by key bytes so the encoding is deterministic.
    mutating func writeStringMap(_ values: [String: String]) {
        self.writeCount(values.count)
        for (key, value) in values.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            self.writeString(key)
            self.writeString(value)
        }
    }
}
