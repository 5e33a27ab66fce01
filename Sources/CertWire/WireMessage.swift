/// A schema `struct`: a message that encodes to and decodes from the field-numbered binary format.
///
/// Role: what generated message types conform to and what the RPC layer moves as `[UInt8]`.
/// Invariant: `init(from:)` accepts anything `encode(to:)` wrote, skips unknown fields, and
/// `encode(to:)` is deterministic (ascending field numbers, defaults omitted, sorted map keys).
public protocol WireMessage: WireValue {
    /// A message with every field at its default.
    init()
    /// Decodes a message from `reader` until its end.
    /// - Throws: ``WireDecodingError`` naming the field that failed.
    init(from reader: inout WireReader) throws(WireDecodingError)
    /// Appends the message's fields (no tag, no length) to `writer`.
    func encode(to writer: inout WireWriter)
}

extension WireMessage {
    /// Decodes one complete message.
    /// - Parameter serializedBytes: the encoding.
    /// - Throws: ``WireDecodingError``.
    public init(serializedBytes: [UInt8]) throws(WireDecodingError) {
        var reader = WireReader(bytes: serializedBytes)
        try self.init(from: &reader)
    }

    /// Encodes the message.
    /// - Returns: the deterministic encoding.
    public func serializedBytes() -> [UInt8] {
        var writer = WireWriter()
        self.encode(to: &writer)
        return writer.bytes
    }

    public static var wireType: WireType { .lengthDelimited }
    public static var wireDefault: Self { Self() }
    /// Structs are always written when present, even if every field is at its default.
    public var isWireDefault: Bool { false }

    public func writeWireValue(to writer: inout WireWriter) {
        writer.writeLengthPrefixed { self.encode(to: &$0) }
    }

    public static func readWireValue(from reader: inout WireReader, field: UInt32) throws(WireDecodingError) -> Self {
        try reader.readNested(field: field, as: Self.self)
    }
}

/// A schema `enum`: an `Int32` value that keeps numbers this build does not know.
///
/// Role: generated enums conform; unknown values round-trip unchanged (a newer peer's value is
/// passed on, not lost). Encoded as a plain varint; the schema restricts values to `0...Int32.max`.
/// Invariant: `Self(rawValue: x).rawValue == x` for every `x`.
public protocol WireEnum: WireValue, Hashable {
    /// The number on the wire.
    var rawValue: Int32 { get }
    /// Maps any number, known or not.
    init(rawValue: Int32)
}

extension WireEnum {
    public static var wireType: WireType { .varint }
    public static var wireDefault: Self { Self(rawValue: 0) }
    public var isWireDefault: Bool { self.rawValue == 0 }

    public func writeWireValue(to writer: inout WireWriter) {
        writer.writeVarint(UInt64(UInt32(bitPattern: self.rawValue)))
    }

    public static func readWireValue(from reader: inout WireReader, field: UInt32) throws(WireDecodingError) -> Self {
        let raw = try reader.readVarint()
        guard raw <= UInt64(Int32.max) else { throw .integerOutOfRange(field: field) }
        return Self(rawValue: Int32(truncatingIfNeeded: raw))
    }
}
