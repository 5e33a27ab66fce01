/// Renders DER bytes as PEM text: `-----BEGIN <label>-----`, base64 in 64-column lines, `-----END <label>-----`.
///
/// Role: the output side of format conversion (PFX/JKS -> PEM). Parsing PEM lives elsewhere in
/// CertCrypto; this type only writes. Output uses `\n` line endings and ends with a newline, as
/// OpenSSL writes it, so `openssl x509 -in` and `openssl pkey -in` read it back unchanged.
/// Isolation: stateless.
public enum PEMEncoding {
    /// The label of an X.509 certificate.
    public static let certificateLabel = "CERTIFICATE"
    /// The label of an unencrypted PKCS#8 private key.
    public static let privateKeyLabel = "PRIVATE KEY"

    /// Encodes DER bytes under any PEM label.
    ///
    /// ```
    /// PEMEncoding.encode([0x30, 0x00], label: "CERTIFICATE")
    /// // "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n"
    /// ```
    /// - Parameters:
    ///   - der: the bytes to encode.
    ///   - label: the text between `BEGIN `/`END ` and the dashes, such as `CERTIFICATE`.
    /// - Returns: the PEM block, newline-terminated.
    public static func encode(_ der: [UInt8], label: String) -> String {
        let body = Self.base64(der)
        var pem = "-----BEGIN \(label)-----\n"
        var index = body.startIndex
        while index < body.endIndex {
            let end = body.index(index, offsetBy: 64, limitedBy: body.endIndex) ?? body.endIndex
            pem += body[index..<end]
            pem += "\n"
            index = end
        }
        pem += "-----END \(label)-----\n"
        return pem
    }

    /// Encodes one certificate.
    /// - Parameter der: the certificate's DER.
    /// - Returns: a `-----BEGIN CERTIFICATE-----` block.
    public static func certificate(_ der: [UInt8]) -> String {
        Self.encode(der, label: Self.certificateLabel)
    }

    /// Encodes certificates one after the other, in the order given (a PEM bundle).
    /// - Parameter ders: the certificates' DER.
    /// - Returns: the concatenated blocks; empty for an empty list.
    public static func certificates(_ ders: [[UInt8]]) -> String {
        ders.map(Self.certificate).joined()
    }

    /// Encodes an unencrypted PKCS#8 private key.
    /// - Parameter pkcs8DER: the `PrivateKeyInfo` DER.
    /// - Returns: a `-----BEGIN PRIVATE KEY-----` block.
    public static func privateKey(_ pkcs8DER: [UInt8]) -> String {
        Self.encode(pkcs8DER, label: Self.privateKeyLabel)
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard base64 (RFC 4648, with `=` padding) without line breaks.
    static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { out.append(Self.alphabet[Int(value >> UInt32(shift) & 0x3F)]) }
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let second = rest == 2 ? UInt32(bytes[index + 1]) : 0
            let value = UInt32(bytes[index]) << 16 | second << 8
            out.append(Self.alphabet[Int(value >> 18 & 0x3F)])
            out.append(Self.alphabet[Int(value >> 12 & 0x3F)])
            out.append(rest == 2 ? Self.alphabet[Int(value >> 6 & 0x3F)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension KeyStoreContents {
    /// The private key as a `-----BEGIN PRIVATE KEY-----` block, if there is a key.
    public var privateKeyPEM: String? { self.privateKeyPKCS8DER.map(PEMEncoding.privateKey) }
    /// The end-entity certificate as a `-----BEGIN CERTIFICATE-----` block, if there is one.
    public var certificatePEM: String? { self.certificateDER.map(PEMEncoding.certificate) }
    /// The chain certificates as a PEM bundle in stored order; empty when there is no chain.
    public var chainPEM: String { PEMEncoding.certificates(self.chainDER) }
}
