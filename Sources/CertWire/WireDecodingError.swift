/// Why a byte sequence could not be decoded into a message.
///
/// Role: the only error `WireReader` and generated `init(from:)` throw; the RPC dispatcher turns it
/// into `RPCError(.invalidArgument, ...)` naming the message and field.
/// Invariant: decoding never traps on input; every malformed input ends up as one of these cases.
public enum WireDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input ended in the middle of a tag, varint or fixed-width value.
    case truncated
    /// A length prefix claims more bytes than the enclosing message has left.
    case lengthExceedsRemaining(field: UInt32, claimed: UInt64, remaining: Int)
    /// A varint is longer than 10 bytes or overflows 64 bits.
    case malformedVarint
    /// A tag's field number is 0 or above ``WireTag/maxFieldNumber``.
    case invalidFieldNumber(UInt64)
    /// A tag uses a wire type certd does not define (3, 4, 6, 7).
    case unsupportedWireType(field: UInt32, rawValue: UInt8)
    /// A known field arrived with a wire type its schema type cannot have.
    case wrongWireType(field: UInt32, expected: WireType, got: WireType)
    /// A string field holds bytes that are not valid UTF-8.
    case invalidUTF8(field: UInt32)
    /// An integer does not fit the field's type (for example a 33-bit value in a uint32 field).
    case integerOutOfRange(field: UInt32)
    /// A timestamp's nanoseconds are outside `0..<1_000_000_000`.
    case invalidTimestamp(field: UInt32)
    /// Messages are nested deeper than ``WireReader/maximumNestingDepth``.
    case nestingTooDeep(limit: Int)

    public var description: String {
        switch self {
        case .truncated:
            "input ends in the middle of a value"
        case .lengthExceedsRemaining(let field, let claimed, let remaining):
            "field \(field): length \(claimed) exceeds the \(remaining) bytes remaining"
        case .malformedVarint:
            "malformed varint (longer than 10 bytes or above 64 bits)"
        case .invalidFieldNumber(let number):
            "invalid field number \(number)"
        case .unsupportedWireType(let field, let rawValue):
            "field \(field): unsupported wire type \(rawValue)"
        case .wrongWireType(let field, let expected, let got):
            "field \(field): expected wire type \(expected), got \(got)"
        case .invalidUTF8(let field):
            "field \(field): string is not valid UTF-8"
        case .integerOutOfRange(let field):
            "field \(field): integer out of range for its type"
        case .invalidTimestamp(let field):
            "field \(field): timestamp nanoseconds out of range"
        case .nestingTooDeep(let limit):
            "messages nested deeper than \(limit) levels"
        }
    }
}
