/// Appends the binary encoding of fields to a growable byte array.
///
/// Role: what generated `encode(to:)` writes into; the RPC layer takes ``bytes`` as the payload.
/// Invariant: ``bytes`` always holds complete fields, except inside a ``writeLengthPrefixed(_:)``
/// body, whose one-byte length placeholder is fixed up (and widened if needed) when the body returns.
/// Isolation: a value type used by one task at a time.
///
/// Encoding rules (docs/SCHEMA.md, "Encoding"): little-endian fixed widths, minimal varints,
/// zigzag for signed integers, packed numeric lists, map entries sorted by the key's UTF-8 bytes.
public struct WireWriter: Sendable {
    /// The encoded bytes so far.
    public private(set) var bytes: [UInt8]

    /// - Parameter capacity: bytes to reserve up front, to avoid regrowth for typical messages.
    public init(capacity: Int = 128) {
        self.bytes = []
        self.bytes.reserveCapacity(capacity)
    }

    // MARK: Primitives

    /// Appends a minimal base-128 varint.
    /// - Parameter value: the value to write.
    public mutating func writeVarint(_ value: UInt64) {
        var remaining = value
        while remaining >= 0x80 {
            self.bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        self.bytes.append(UInt8(truncatingIfNeeded: remaining))
    }

    /// Appends a field key.
    /// - Parameters:
    ///   - field: the field number, `1...WireTag.maxFieldNumber` (the generator guarantees it).
    ///   - wireType: how the value that follows is laid out.
    public mutating func writeTag(_ field: UInt32, _ wireType: WireType) {
        self.writeVarint(UInt64(field) << 3 | UInt64(wireType.rawValue))
    }

    /// Appends four bytes, little-endian.
    public mutating func writeFixed32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { self.bytes.append(contentsOf: $0) }
    }

    /// Appends eight bytes, little-endian.
    public mutating func writeFixed64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { self.bytes.append(contentsOf: $0) }
    }

    /// Appends a varint length, then raw bytes.
    public mutating func writeLengthPrefixed(bytes: some Collection<UInt8>) {
        let count = bytes.count
        self.reserveAdditional(count + 10)
        self.writeVarint(UInt64(count))
        self.bytes.append(contentsOf: bytes)
    }

    /// Grows the buffer geometrically ahead of a large append, so a big `bytes` field costs one
    /// reallocation at most (Array's own growth would copy the prefix several times).
    private mutating func reserveAdditional(_ count: Int) {
        let needed = self.bytes.count + count
        if needed > self.bytes.capacity {
            self.bytes.reserveCapacity(Swift.max(needed, self.bytes.capacity * 2))
        }
    }

    /// Appends whatever `body` writes, preceded by its length as a varint.
    ///
    /// Why a placeholder: nested sizes are not known up front and computing them would walk every
    /// message twice. One byte is reserved (enough below 128 bytes, the common case); a longer body
    /// is shifted right once to make room, which keeps the output minimal and deterministic.
    /// - Parameter body: writes the content.
    public mutating func writeLengthPrefixed(_ body: (inout WireWriter) -> Void) {
        let lengthIndex = self.bytes.count
        self.bytes.append(0)
        body(&self)
        let length = self.bytes.count - lengthIndex - 1
        if length < 0x80 {
            self.bytes[lengthIndex] = UInt8(truncatingIfNeeded: length)
            return
        }
        // Widen the placeholder in place: grow by the extra length bytes, shift the body right once,
        // write the varint. No temporary array (this runs for every nested message over 127 bytes,
        // e.g. each certificate of a list page).
        var lengthSize = 1
        var remaining = length >> 7
        while remaining > 0 {
            lengthSize += 1
            remaining >>= 7
        }
        let extra = lengthSize - 1
        self.reserveAdditional(extra)
        self.bytes.append(contentsOf: repeatElement(0, count: extra))
        self.bytes.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress! + lengthIndex
            // Overlapping ranges: copyMemory is a memmove.
            UnsafeMutableRawPointer(base + lengthSize).copyMemory(from: base + 1, byteCount: length)
            var value = UInt64(length)
            for offset in 0..<lengthSize {
                base[offset] = UInt8(truncatingIfNeeded: value) | (offset < extra ? 0x80 : 0)
                value >>= 7
            }
        }
    }

    // MARK: Fields

    /// Writes a non-optional field, omitting it when it holds its type's default (0, false, "",
    /// empty bytes, the zero enum case, the epoch timestamp, a +0.0 double). Structs are always written.
    /// - Parameters:
    ///   - field: the field number.
    ///   - value: the value.
    public mutating func writeSingular<V: WireValue>(_ field: UInt32, _ value: V) {
        if value.isWireDefault { return }
        self.writeTag(field, V.wireType)
        value.writeWireValue(to: &self)
    }

    /// Writes an `optional` field: absent when `nil`, otherwise written even if it is the default.
    /// - Parameters:
    ///   - field: the field number.
    ///   - value: the value, or `nil` for absent.
    public mutating func writeOptional<V: WireValue>(_ field: UInt32, _ value: V?) {
        guard let value else { return }
        self.writeTag(field, V.wireType)
        value.writeWireValue(to: &self)
    }

    /// Writes a `list<T>`: numeric elements packed into one length-delimited field, strings, bytes,
    /// timestamps and structs as one field per element. An empty list writes nothing.
    /// - Parameters:
    ///   - field: the field number.
    ///   - values: the elements, in order.
    public mutating func writeList<V: WireValue>(_ field: UInt32, _ values: [V]) {
        if values.isEmpty { return }
        if V.wireType == .lengthDelimited {
            for value in values {
                self.writeTag(field, .lengthDelimited)
                value.writeWireValue(to: &self)
            }
        } else {
            self.writeTag(field, .lengthDelimited)
            self.writeLengthPrefixed { writer in
                for value in values { value.writeWireValue(to: &writer) }
            }
        }
    }

    /// Writes a `map<string, T>` as one entry message per key (key = field 1, value = field 2),
    /// in ascending order of the keys' UTF-8 bytes so that equal maps give equal bytes.
    /// - Parameters:
    ///   - field: the field number.
    ///   - map: the entries.
    public mutating func writeMap<V: WireValue>(_ field: UInt32, _ map: [String: V]) {
        if map.isEmpty { return }
        let keys = map.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for key in keys {
            guard let value = map[key] else { continue }
            self.writeTag(field, .lengthDelimited)
            self.writeLengthPrefixed { entry in
                entry.writeSingular(1, key)
                entry.writeSingular(2, value)
            }
        }
    }
}
