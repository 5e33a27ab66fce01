/// The few DER shapes the Java key-store schemes need: reading and writing
/// `EncryptedPrivateKeyInfo`, PBE parameters and object identifiers.
///
/// Role: kept tiny and strict on purpose (definite lengths, at most 4 length octets, no trailing
/// bytes); certificates and keys themselves are always parsed by OpenSSL, never here.
/// Isolation: stateless.
enum KeyStoreDER {
    static let integerTag: UInt8 = 0x02
    static let octetStringTag: UInt8 = 0x04
    static let nullTag: UInt8 = 0x05
    static let objectIdentifierTag: UInt8 = 0x06
    static let sequenceTag: UInt8 = 0x30

    /// One tag-length-value element.
    struct Element {
        var tag: UInt8
        var content: [UInt8]
    }

    /// Splits `bytes` into the elements it holds back to back; `nil` if any is malformed.
    static func elements(_ bytes: [UInt8]) -> [Element]? {
        var result: [Element] = []
        var index = 0
        while index < bytes.count {
            guard index + 2 <= bytes.count else { return nil }
            let tag = bytes[index]
            var length = Int(bytes[index + 1])
            index += 2
            if length & 0x80 != 0 {
                let octets = length & 0x7F
                guard (1...4).contains(octets), index + octets <= bytes.count else { return nil }
                length = 0
                for octet in bytes[index..<index + octets] { length = length << 8 | Int(octet) }
                index += octets
            }
            guard length <= bytes.count - index else { return nil }
            result.append(Element(tag: tag, content: Array(bytes[index..<index + length])))
            index += length
        }
        return result
    }

    /// Encodes one element with a definite, minimal length.
    static func encode(tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [tag]
        if content.count < 0x80 {
            out.append(UInt8(content.count))
        } else {
            var length = content.count
            var octets: [UInt8] = []
            while length > 0 {
                octets.insert(UInt8(length & 0xFF), at: 0)
                length >>= 8
            }
            out.append(0x80 | UInt8(octets.count))
            out += octets
        }
        return out + content
    }

    /// Encodes a dotted object identifier ("1.3.6.1.4.1.42.2.17.1.1"), tag included.
    static func encodeObjectIdentifier(_ dotted: String) -> [UInt8] {
        let arcs = dotted.split(separator: ".").compactMap { UInt64($0) }
        precondition(arcs.count >= 2, "object identifiers are constants with at least two arcs")
        var content: [UInt8] = []
        for arc in [arcs[0] * 40 + arcs[1]] + arcs.dropFirst(2) {
            var chunk: [UInt8] = [UInt8(arc & 0x7F)]
            var rest = arc >> 7
            while rest > 0 {
                chunk.insert(0x80 | UInt8(rest & 0x7F), at: 0)
                rest >>= 7
            }
            content += chunk
        }
        return Self.encode(tag: Self.objectIdentifierTag, content)
    }

    /// Decodes an object identifier's content octets into dotted form; `nil` if malformed.
    static func objectIdentifierString(_ content: [UInt8]) -> String? {
        guard !content.isEmpty, content.last! & 0x80 == 0 else { return nil }
        var arcs: [UInt64] = []
        var value: UInt64 = 0
        for byte in content {
            guard value >> 57 == 0 else { return nil }
            value = value << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 {
                arcs.append(value)
                value = 0
            }
        }
        let first = min(arcs[0] / 40, 2)
        let dotted = [first, arcs[0] - first * 40] + arcs.dropFirst()
        return dotted.map(String.init).joined(separator: ".")
    }

    /// A non-negative INTEGER's value, if it fits in 31 bits.
    static func smallInteger(_ content: [UInt8]) -> Int? {
        guard !content.isEmpty, content.count <= 5, content[0] & 0x80 == 0 else { return nil }
        let value = content.reduce(0) { $0 << 8 | Int($1) }
        return value <= Int(Int32.max) ? value : nil
    }

    /// Encodes a non-negative INTEGER, tag included.
    static func encodeInteger(_ value: Int) -> [UInt8] {
        precondition(value >= 0, "only non-negative integers are encoded here")
        var content: [UInt8] = []
        var rest = value
        repeat {
            content.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        } while rest > 0
        if content[0] & 0x80 != 0 { content.insert(0, at: 0) }
        return Self.encode(tag: Self.integerTag, content)
    }
}
