/// Java's "modified UTF-8" (`DataOutput.writeUTF`): UTF-16 code units, NUL as `C0 80`, each
/// surrogate encoded on its own in three bytes.
///
/// Role: aliases and certificate-type names in JKS/JCEKS files. Isolation: stateless.
enum JavaModifiedUTF8 {
    /// Encodes a string the way `DataOutputStream.writeUTF` does (without the length prefix).
    static func encode(_ string: String) -> [UInt8] {
        var out: [UInt8] = []
        for unit in string.utf16 {
            switch unit {
            case 0x0001...0x007F:
                out.append(UInt8(unit))
            case 0x0000, 0x0080...0x07FF:
                out.append(0xC0 | UInt8(unit >> 6))
                out.append(0x80 | UInt8(unit & 0x3F))
            default:
                out.append(0xE0 | UInt8(unit >> 12))
                out.append(0x80 | UInt8(unit >> 6 & 0x3F))
                out.append(0x80 | UInt8(unit & 0x3F))
            }
        }
        return out
    }

    /// Decodes modified UTF-8; `nil` when a sequence is malformed.
    static func decode(_ bytes: [UInt8]) -> String? {
        var units: [UInt16] = []
        var index = 0
        func continuation(_ at: Int) -> UInt16? {
            guard at < bytes.count, bytes[at] & 0xC0 == 0x80 else { return nil }
            return UInt16(bytes[at] & 0x3F)
        }
        while index < bytes.count {
            let lead = bytes[index]
            switch lead {
            case 0x01...0x7F:
                units.append(UInt16(lead))
                index += 1
            case 0xC0...0xDF:
                guard let low = continuation(index + 1) else { return nil }
                units.append(UInt16(lead & 0x1F) << 6 | low)
                index += 2
            case 0xE0...0xEF:
                guard let middle = continuation(index + 1), let low = continuation(index + 2) else { return nil }
                units.append(UInt16(lead & 0x0F) << 12 | middle << 6 | low)
                index += 3
            default:
                return nil
            }
        }
        return String(decoding: units, as: UTF16.self)
    }
}
