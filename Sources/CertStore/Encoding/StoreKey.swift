/// Builds an order-preserving composite key for a table or index.
///
/// Components are appended in order; byte-wise comparison of the result (LMDB's default) then orders by
/// the first component, then the second, and so on:
/// - strings: UTF-8 with `0x00` escaped as `01 01` and `0x01` as `01 02`, then a `0x00` terminator, so a
///   string never runs into the next component and shorter strings sort first (byte order is kept);
/// - `Int64`: 8 bytes big-endian with the sign bit flipped (negative values sort first);
/// - `UInt64`: 8 bytes big-endian.
/// Hand-written on purpose: formatting keys with `String(format:)` was the measured bottleneck.
/// Isolation: a value type.
struct StoreKey {
    private(set) var bytes: [UInt8]

    init(capacity: Int = 64) {
        self.bytes = []
        self.bytes.reserveCapacity(capacity)
    }

    /// Appends a string component (escaped, terminated).
    mutating func append(_ string: String) {
        for byte in string.utf8 {
            switch byte {
            case 0x00: self.bytes.append(contentsOf: [0x01, 0x01])
            case 0x01: self.bytes.append(contentsOf: [0x01, 0x02])
            default: self.bytes.append(byte)
            }
        }
        self.bytes.append(0x00)
    }

    /// Appends a signed integer component (order-preserving).
    mutating func append(_ value: Int64) {
        self.append(UInt64(bitPattern: value) ^ (1 << 63))
    }

    /// Appends an unsigned integer component, big-endian.
    mutating func append(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) {
            self.bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    /// A key made of string components only.
    static func strings(_ components: String...) -> [UInt8] {
        var key = StoreKey()
        for component in components {
            key.append(component)
        }
        return key.bytes
    }

    /// The 8-byte big-endian key of a sequence number.
    static func sequence(_ value: UInt64) -> [UInt8] {
        var key = StoreKey(capacity: 8)
        key.append(value)
        return key.bytes
    }

    /// Reads back a big-endian `UInt64` from the first 8 bytes of `bytes`.
    static func decodeSequence(_ bytes: UnsafeRawBufferPointer) -> UInt64? {
        guard bytes.count == 8 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            value = value << 8 | UInt64(byte)
        }
        return value
    }
}
