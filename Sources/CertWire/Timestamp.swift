/// A point in time: whole seconds since 1970-01-01T00:00:00Z plus nanoseconds. The schema's `timestamp`.
///
/// Role: a Foundation-free time value for wire messages; CertServer converts to and from `Date`.
/// Invariant: `0 <= nanoseconds < 1_000_000_000`; times before the epoch have negative `seconds`
/// and non-negative `nanoseconds` (so ordering is `(seconds, nanoseconds)` lexicographic).
/// Encoding: a nested message, field 1 `seconds` (int64, zigzag varint) and field 2
/// `nanoseconds` (int32, zigzag varint), each omitted when 0. As a non-optional field, the epoch
/// itself is omitted entirely.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since the Unix epoch.
    public var seconds: Int64
    /// Nanoseconds within the second, `0..<1_000_000_000`.
    public var nanoseconds: Int32

    /// The Unix epoch.
    public static let epoch = Timestamp(seconds: 0, nanoseconds: 0)

    /// - Parameters:
    ///   - seconds: seconds since the epoch.
    ///   - nanoseconds: `0..<1_000_000_000`; anything else is a programmer error.
    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        precondition((0..<1_000_000_000).contains(nanoseconds), "Timestamp nanoseconds out of range: \(nanoseconds)")
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    public var description: String { "Timestamp(\(self.seconds)s + \(self.nanoseconds)ns)" }
}

extension Timestamp: WireValue {
    public static var wireType: WireType { .lengthDelimited }
    public static var wireDefault: Timestamp { .epoch }
    public var isWireDefault: Bool { self.seconds == 0 && self.nanoseconds == 0 }

    public func writeWireValue(to writer: inout WireWriter) {
        var body = TimestampBody()
        body.seconds = self.seconds
        body.nanoseconds = self.nanoseconds
        body.writeWireValue(to: &writer)
    }

    public static func readWireValue(from reader: inout WireReader, field: UInt32) throws(WireDecodingError)
        -> Timestamp
    {
        let body = try reader.readNested(field: field, as: TimestampBody.self)
        guard (0..<1_000_000_000).contains(body.nanoseconds) else { throw .invalidTimestamp(field: field) }
        return Timestamp(seconds: body.seconds, nanoseconds: body.nanoseconds)
    }
}

/// The timestamp's fields as decoded, before the nanosecond range is checked.
private struct TimestampBody: WireMessage {
    var seconds: Int64 = 0
    var nanoseconds: Int32 = 0

    init() {}

    init(from reader: inout WireReader) throws(WireDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: self.seconds = try reader.read(tag, as: Int64.self)
            case 2: self.nanoseconds = try reader.read(tag, as: Int32.self)
            default: try reader.skip(tag)
            }
        }
    }

    func encode(to writer: inout WireWriter) {
        writer.writeSingular(1, self.seconds)
        writer.writeSingular(2, self.nanoseconds)
    }
}
