/// Strict standard-alphabet base64 for PEM bodies: whitespace is skipped, anything else that is
/// not in the alphabet, misplaced padding or a length that is not a multiple of 4 is an error.
///
/// Role: decode certificate bodies without a Foundation round trip, and tell "corrupt base64"
/// apart from "valid base64 of damaged DER". Isolation: stateless.
enum Base64 {
    private static let alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let table: [UInt8] = {
        var t = [UInt8](repeating: 0xff, count: 256)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = UInt8(i) }
        for c in [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")] { t[Int(c)] = 0xfe }
        t[Int(UInt8(ascii: "="))] = 0xfd
        return t
    }()

    /// Decodes, or returns `nil` when the text is not valid base64.
    static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var quad: UInt32 = 0
        var n = 0
        var padding = 0
        for c in text {
            let v = self.table[Int(c)]
            switch v {
            case 0xfe:
                continue
            case 0xfd:
                padding += 1
                if padding > 2 { return nil }
                quad <<= 6
                n += 1
            case 0xff:
                return nil
            default:
                if padding > 0 { return nil }
                quad = (quad << 6) | UInt32(v)
                n += 1
            }
            if n == 4 {
                out.append(UInt8((quad >> 16) & 0xff))
                if padding < 2 { out.append(UInt8((quad >> 8) & 0xff)) }
                if padding < 1 { out.append(UInt8(quad & 0xff)) }
                quad = 0
                n = 0
                if padding > 0 { padding = 3 }  // nothing may follow a padded quad
            }
        }
        guard n == 0 else { return nil }
        return out
    }

    /// Encodes without line breaks.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [
                self.alphabet[Int(v >> 18)], self.alphabet[Int((v >> 12) & 63)],
                self.alphabet[Int((v >> 6) & 63)], self.alphabet[Int(v & 63)],
            ]
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let v = UInt32(bytes[i]) << 16
            out += [
                self.alphabet[Int(v >> 18)], self.alphabet[Int((v >> 12) & 63)], UInt8(ascii: "="), UInt8(ascii: "="),
            ]
        } else if rest == 2 {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out += [
                self.alphabet[Int(v >> 18)], self.alphabet[Int((v >> 12) & 63)],
                self.alphabet[Int((v >> 6) & 63)], UInt8(ascii: "="),
            ]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
