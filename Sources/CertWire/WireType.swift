/// The low three bits of a field tag: how the field's bytes are laid out on the wire.
///
/// Role: lets a decoder skip a field it does not know without knowing its schema type.
/// Invariant: raw values are the published ones in docs/SCHEMA.md ("Encoding") and never change.
/// Values 3, 4, 6 and 7 are not used by certd and are refused when read.
public enum WireType: UInt8, Sendable, Hashable, CustomStringConvertible {
    /// A base-128 varint: bool, int32/int64 (zigzag), uint32/uint64, enum.
    case varint = 0
    /// Eight bytes, little-endian: double.
    case fixed64 = 1
    /// A varint byte count, then that many bytes: string, bytes, struct, timestamp, packed list, map entry.
    case lengthDelimited = 2
    /// Four bytes, little-endian: not produced by any schema type today; skipped when unknown.
    case fixed32 = 5

    public var description: String {
        switch self {
        case .varint: "varint"
        case .fixed64: "fixed64"
        case .lengthDelimited: "lengthDelimited"
        case .fixed32: "fixed32"
        }
    }
}

/// A decoded field key: field number plus wire type.
///
/// Invariant: `fieldNumber` is in `1...WireTag.maxFieldNumber`.
public struct WireTag: Sendable, Hashable {
    /// The largest field number a schema may use (2^29 - 1, so the tag fits in a UInt32).
    public static let maxFieldNumber: UInt32 = (1 << 29) - 1

    /// The schema's field number.
    public var fieldNumber: UInt32
    /// How the field's bytes are laid out.
    public var wireType: WireType

    public init(fieldNumber: UInt32, wireType: WireType) {
        self.fieldNumber = fieldNumber
        self.wireType = wireType
    }
}
