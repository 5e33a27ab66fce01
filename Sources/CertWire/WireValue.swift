/// A Swift type that is one schema type on the wire: the building block of generated messages.
///
/// Role: lets ``WireWriter`` and ``WireReader`` handle singular, optional, list and map fields with
/// one generic routine each. The schema's scalar types map one to one onto Swift types:
/// `bool` Bool, `int32` Int32, `int64` Int64, `uint32` UInt32, `uint64` UInt64, `double` Double,
/// `string` String, `bytes` [UInt8], `timestamp` ``Timestamp``; enums conform via ``WireEnum``,
/// structs via ``WireMessage``.
/// Invariant: `readWireValue` reads exactly what `writeWireValue` wrote (the tag excluded).
public protocol WireValue: Sendable, Equatable {
    /// The wire type of one value.
    static var wireType: WireType { get }
    /// The value a missing field decodes to.
    static var wireDefault: Self { get }
    /// Whether a non-optional field holding this value is left out of the encoding.
    var isWireDefault: Bool { get }
    /// Appends the value without its tag (length-delimited values include their length).
    func writeWireValue(to writer: inout WireWriter)
    /// Reads one value without its tag.
    /// - Parameters:
    ///   - reader: positioned just after the tag.
    ///   - field: the field number, for errors.
    static func readWireValue(from reader: inout WireReader, field: UInt32) throws(WireDecodingError) -> Self
}

extension Bool: WireValue {
    public static var wireType: WireType { .varint }
    public static var wireDefault: Bool { false }
    public var isWireDefault: Bool { !self }
    public func writeWireValue(to writer: inout WireWriter) { writer.writeVarint(self ? 1 : 0) }
    /// Any non-zero varint reads as `true`.
    public static func readWireValue(from reader: inout WireReader, field: UInt32) throws(WireDecodingError) -> Bool {
        try reader.readVarint() != 0
    }
}

/// Signed integers are zigzag-encoded (0, -1, 1, -2 ... become 0, 1, 2, 3 ...), so small negative
/// numbers stay short.
extension Int32: WireValue {
    public static var wireType: WireType { .varint }
    public static var wireDefault: Int32 { 0 }
    public var isWireDefault: Bool { self == 0 }
    public func writeWireValue(to writer: inout WireWriter) {
        let zigzag = UInt32(bitPattern: (self << 1) ^ (self >> 31))
        writer.writeVarint(UInt64(zigzag))
    }
    public static func readWireValue(from reader: inout WireReader, field: UInt32) throws(WireDecodingError) -> Int32 {
        let raw = try reader.readVarint()
        guard raw <= UInt64(UInt32.max) else { throw .integerOutOfRange(field: field) }
        let zigzag = UInt32(truncatingIfNeeded: raw)
        return Int32(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1)))
    }
}

extension Int64: WireValue {
    public static var wireType: WireType { .varint }
    public static var wireDefault: Int64 { 0 }
    public var isWireDefault: Bool { self == 0 }
    public func writeWireValue(to writer: inout WireWriter) {
        writer.writeVarint(UInt64(bitPattern: (self << 1) ^ (self >> 63)))
    }
    public static func readWireValue(from reader: inout WireReader, field: UInt32) throws(WireDecodingError) -> Int64 {
        let zigzag = try reader.readVarint()
        return Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1)))
    }
}

extension UInt32: WireValue {
    public static var wireType: WireType { .varint }
    public static var wireDefault: UInt32 { 0 }
    public var isWireDefault: Bool { self == 0 }
    public func writeWireValue(to writer: inout WireWriter) { writer.writeVarint(UInt64(self)) }
    public static func readWireValue(from reader: inout WireReader, field: UInt32) throws(WireDecodingError) -> UInt32 {
        let raw = try reader.readVarint()
        guard raw <= UInt64(UInt32.max) else { throw .integerOutOfRange(field: field) }
        return UInt32(truncatingIfNeeded: raw)
    }
}

extension UInt64: WireValue {
    public static var wireType: WireType { .varint }
    public static var wireDefault: UInt64 { 0 }
    public var isWireDefault: Bool { self == 0 }
    public func writeWireValue(to writer: inout WireWriter) { writer.writeVarint(self) }
    public static func readWireValue(from reader: inout WireReader, field: UInt32) throws(WireDecodingError) -> UInt64 {
        try reader.readVarint()
    }
}

/// IEEE 754 bit pattern, little-endian. Only +0.0 is omitted as the default, so -0.0 and NaN
/// payloads survive a round trip bit for bit.
extension Double: WireValue {
    public static var wireType: WireType { .fixed64 }
    public static var wireDefault: Double { 0 }
    public var isWireDefault: Bool { self.bitPattern == 0 }
    public func writeWireValue(to writer: inout WireWriter) { writer.writeFixed64(self.bitPattern) }
    public static func readWireValue(from reader: inout WireReader, field: UInt32) throws(WireDecodingError) -> Double {
        Double(bitPattern: try reader.readFixed64())
    }
}

extension String: WireValue {
    public static var wireType: WireType { .lengthDelimited }
    public static var wireDefault: String { "" }
    public var isWireDefault: Bool { self.isEmpty }
    public func writeWireValue(to writer: inout WireWriter) {
        // Native strings expose contiguous UTF-8: one memcpy instead of a per-byte append loop.
        let appended: Void? = self.utf8.withContiguousStorageIfAvailable { writer.writeLengthPrefixed(bytes: $0) }
        if appended == nil { writer.writeLengthPrefixed(bytes: self.utf8) }
    }
    public static func readWireValue(from reader: inout WireReader, field: UInt32) throws(WireDecodingError) -> String {
        try reader.readString(field: field)
    }
}

/// The schema's `bytes`.
extension Array: WireValue where Element == UInt8 {
    public static var wireType: WireType { .lengthDelimited }
    public static var wireDefault: [UInt8] { [] }
    public var isWireDefault: Bool { self.isEmpty }
    public func writeWireValue(to writer: inout WireWriter) { writer.writeLengthPrefixed(bytes: self) }
    public static func readWireValue(from reader: inout WireReader, field: UInt32) throws(WireDecodingError) -> [UInt8]
    {
        try reader.readLengthDelimitedBytes(field: field)
    }
}
