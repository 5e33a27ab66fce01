internal import COpenSSL

/// One-shot message digests rendered as lowercase hex without separators.
///
/// Role: certificate and public-key fingerprints. Isolation: stateless.
enum Digest {
    static func sha256Hex(_ bytes: [UInt8]) -> String {
        self.hex(self.digest(bytes, FetchedAlgorithms.shared.sha256))
    }

    static func sha1Hex(_ bytes: [UInt8]) -> String {
        self.hex(self.digest(bytes, FetchedAlgorithms.shared.sha1))
    }

    static func digest(_ bytes: [UInt8], _ md: OpaquePointer?) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { raw in
            EVP_Digest(raw.baseAddress, raw.count, &out, &length, md, nil)
        }
        precondition(ok == 1, "EVP_Digest failed for a built-in digest")
        return Array(out.prefix(Int(length)))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
