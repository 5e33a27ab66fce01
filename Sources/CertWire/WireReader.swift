/// Reads fields from an encoded message, checking every length against the bytes that remain.
///
/// Role: what generated `init(from:)` reads from. It never traps on input: lengths are compared
/// with the remaining byte count *before* anything is allocated, arithmetic cannot overflow, and
/// every failure is a ``WireDecodingError``.
/// Invariant: `start <= position <= end <= storage.count`.
/// Isolation: a value type used by one task at a time. Nested readers share the storage (no copy).
public struct WireReader: Sendable {
    /// How deep structs may nest before decoding is refused, so hostile input cannot exhaust the stack.
    public static let maximumNestingDepth = 64

    private let storage: [UInt8]
    private var position: Int
    private let end: Int
    private let depth: Int

    /// - Parameter bytes: one complete encoded message.
    public init(bytes: [UInt8]) {
        self.storage = bytes
        self.position = 0
        self.end = bytes.count
        self.depth = 0
    }

    private init(storage: [UInt8], position: Int, end: Int, depth: Int) {
        self.storage = storage
        self.position = position
        self.end = end
        self.depth = depth
    }

    /// Whether every byte of this message has been consumed.
    public var isAtEnd: Bool { self.position >= self.end }

    /// Bytes left in this message.
    public var remainingCount: Int { self.end - self.position }

    // MARK: Primitives

    /// Reads a base-128 varint of at most 10 bytes.
    /// - Throws: ``WireDecodingError/truncated``, ``WireDecodingError/malformedVarint``.
    public mutating func readVarint() throws(WireDecodingError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var index = self.position
        while true {
            guard index < self.end else { throw .truncated }
            let byte = self.storage[index]
            index += 1
            if shift == 63 && byte > 1 { throw .malformedVarint }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
            if shift > 63 { throw .malformedVarint }
        }
        self.position = index
        return result
    }

    /// Reads four little-endian bytes.
    /// - Throws: ``WireDecodingError/truncated``.
    public mutating func readFixed32() throws(WireDecodingError) -> UInt32 {
        guard self.end - self.position >= 4 else { throw .truncated }
        var value: UInt32 = 0
        for offset in 0..<4 { value |= UInt32(self.storage[self.position + offset]) << (8 * offset) }
        self.position += 4
        return value
    }

    /// Reads eight little-endian bytes.
    /// - Throws: ``WireDecodingError/truncated``.
    public mutating func readFixed64() throws(WireDecodingError) -> UInt64 {
        guard self.end - self.position >= 8 else { throw .truncated }
        var value: UInt64 = 0
        for offset in 0..<8 { value |= UInt64(self.storage[self.position + offset]) << (8 * offset) }
        self.position += 8
        return value
    }

    /// Reads a length prefix and returns the range of bytes it covers, consuming them.
    /// - Parameter field: the field being read, for the error.
    /// - Throws: ``WireDecodingError/lengthExceedsRemaining(field:claimed:remaining:)`` when the
    ///   claim is larger than what is left (checked before anything is allocated).
    public mutating func readLengthDelimitedRange(field: UInt32) throws(WireDecodingError) -> Range<Int> {
        let claimed = try self.readVarint()
        let remaining = self.end - self.position
        guard claimed <= UInt64(remaining) else {
            throw .lengthExceedsRemaining(field: field, claimed: claimed, remaining: remaining)
        }
        let start = self.position
        self.position = start + Int(claimed)
        return start..<self.position
    }

    /// Reads a length-delimited field's bytes as a copy.
    public mutating func readLengthDelimitedBytes(field: UInt32) throws(WireDecodingError) -> [UInt8] {
        let range = try self.readLengthDelimitedRange(field: field)
        return [UInt8](unsafeUninitializedCapacity: range.count) { target, initializedCount in
            self.storage.withUnsafeBufferPointer { source in
                _ = target.initialize(fromContentsOf: UnsafeBufferPointer(rebasing: source[range]))
            }
            initializedCount = range.count
        }
    }

    /// Reads a length-delimited field as UTF-8 text.
    /// - Throws: ``WireDecodingError/invalidUTF8(field:)`` for bytes that are not UTF-8.
    public mutating func readString(field: UInt32) throws(WireDecodingError) -> String {
        let range = try self.readLengthDelimitedRange(field: field)
        if range.isEmpty { return "" }
        // `String(validating:as:)` runs unspecialized generic code (~900 instructions for a short
        // string). `String(decoding:as:)` is fast but repairs invalid input with U+FFFD; its output
        // equals the input bytes exactly when the input was valid UTF-8, so compare.
        let isValid: Bool
        let string: String
        (string, isValid) = self.storage.withUnsafeBufferPointer { buffer in
            let source = UnsafeBufferPointer(rebasing: buffer[range])
            let decoded = String(decoding: source, as: UTF8.self)
            let isSame =
                decoded.utf8.withContiguousStorageIfAvailable { $0.elementsEqual(source) }
                ?? decoded.utf8.elementsEqual(source)
            return (decoded, isSame)
        }
        guard isValid else { throw .invalidUTF8(field: field) }
        return string
    }

    /// Reads a length-delimited field as a nested message.
    /// - Throws: any ``WireDecodingError``; ``WireDecodingError/nestingTooDeep(limit:)`` past
    ///   ``maximumNestingDepth``.
    public mutating func readNested<M: WireMessage>(field: UInt32, as type: M.Type = M.self) throws(WireDecodingError)
        -> M
    {
        let range = try self.readLengthDelimitedRange(field: field)
        guard self.depth < Self.maximumNestingDepth else { throw .nestingTooDeep(limit: Self.maximumNestingDepth) }
        var nested = WireReader(
            storage: self.storage, position: range.lowerBound, end: range.upperBound, depth: self.depth + 1)
        return try M(from: &nested)
    }

    // MARK: Fields

    /// Reads the next field key, or returns `nil` at the end of the message.
    /// - Throws: ``WireDecodingError/invalidFieldNumber(_:)``, ``WireDecodingError/unsupportedWireType(field:rawValue:)``,
    ///   or a varint error.
    public mutating func nextTag() throws(WireDecodingError) -> WireTag? {
        if self.position >= self.end { return nil }
        let key = try self.readVarint()
        let number = key >> 3
        guard number >= 1 && number <= UInt64(WireTag.maxFieldNumber) else { throw .invalidFieldNumber(number) }
        let field = UInt32(truncatingIfNeeded: number)
        let rawType = UInt8(truncatingIfNeeded: key & 7)
        guard let wireType = WireType(rawValue: rawType) else {
            throw .unsupportedWireType(field: field, rawValue: rawType)
        }
        return WireTag(fieldNumber: field, wireType: wireType)
    }

    /// Reads one value of a known field.
    /// - Parameters:
    ///   - tag: the tag just returned by ``nextTag()``.
    ///   - type: the field's Swift type.
    /// - Returns: the value.
    /// - Throws: ``WireDecodingError/wrongWireType(field:expected:got:)`` or the value's own errors.
    public mutating func read<V: WireValue>(_ tag: WireTag, as type: V.Type = V.self) throws(WireDecodingError) -> V {
        guard tag.wireType == V.wireType else {
            throw .wrongWireType(field: tag.fieldNumber, expected: V.wireType, got: tag.wireType)
        }
        return try V.readWireValue(from: &self, field: tag.fieldNumber)
    }

    /// Reads one occurrence of a `list<T>` field and appends to `list`. Numeric elements are
    /// accepted both packed and one per field, so either writer style decodes.
    /// - Parameters:
    ///   - tag: the tag just returned by ``nextTag()``.
    ///   - list: the list to append to.
    /// - Throws: ``WireDecodingError``.
    public mutating func readList<V: WireValue>(_ tag: WireTag, into list: inout [V]) throws(WireDecodingError) {
        if tag.wireType == .lengthDelimited && V.wireType != .lengthDelimited {
            let range = try self.readLengthDelimitedRange(field: tag.fieldNumber)
            var packed = WireReader(
                storage: self.storage, position: range.lowerBound, end: range.upperBound, depth: self.depth)
            while !packed.isAtEnd {
                list.append(try V.readWireValue(from: &packed, field: tag.fieldNumber))
            }
            return
        }
        list.append(try self.read(tag, as: V.self))
    }

    /// Reads one entry of a `map<string, T>` field into `map`; a later duplicate key wins.
    /// A missing key is `""`, a missing value is the type's default.
    /// - Parameters:
    ///   - tag: the tag just returned by ``nextTag()``.
    ///   - map: the map to insert into.
    /// - Throws: ``WireDecodingError``.
    public mutating func readMapEntry<V: WireValue>(_ tag: WireTag, into map: inout [String: V])
        throws(WireDecodingError)
    {
        guard tag.wireType == .lengthDelimited else {
            throw .wrongWireType(field: tag.fieldNumber, expected: .lengthDelimited, got: tag.wireType)
        }
        let range = try self.readLengthDelimitedRange(field: tag.fieldNumber)
        guard self.depth < Self.maximumNestingDepth else { throw .nestingTooDeep(limit: Self.maximumNestingDepth) }
        var entry = WireReader(
            storage: self.storage, position: range.lowerBound, end: range.upperBound, depth: self.depth + 1)
        var key = ""
        var value = V.wireDefault
        while let entryTag = try entry.nextTag() {
            switch entryTag.fieldNumber {
            case 1: key = try entry.read(entryTag, as: String.self)
            case 2: value = try entry.read(entryTag, as: V.self)
            default: try entry.skip(entryTag)
            }
        }
        map[key] = value
    }

    /// Skips a field this decoder does not know, so older code reads newer messages.
    /// - Parameter tag: the tag just returned by ``nextTag()``.
    /// - Throws: ``WireDecodingError`` when the field's bytes are truncated.
    public mutating func skip(_ tag: WireTag) throws(WireDecodingError) {
        switch tag.wireType {
        case .varint: _ = try self.readVarint()
        case .fixed64: _ = try self.readFixed64()
        case .fixed32: _ = try self.readFixed32()
        case .lengthDelimited: _ = try self.readLengthDelimitedRange(field: tag.fieldNumber)
        }
    }
}
