internal import COpenSSL

/// Size bounds and first-look classification of uploaded fields.
///
/// Role: refuse oversized input before any parsing, and name what binary input looks like
/// (DER certificate, DER key, PFX) so the error can say what to do.
/// Isolation: stateless.
public enum InputLimits {
    /// The largest accepted field: 1 MiB (a long chain is a few tens of KiB).
    public static let maximumFieldSize = 1 << 20

    static func check(_ bytes: [UInt8], field: InputField) throws(CertificateError) {
        guard bytes.count <= self.maximumFieldSize else {
            throw .tooLarge(field: field, size: bytes.count, limit: self.maximumFieldSize)
        }
        guard bytes.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0a || $0 == 0x0d) }) else {
            throw .emptyInput(field: field)
        }
    }

    /// Binary ASN.1 starts with a SEQUENCE tag; text never does.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        bytes.first == 0x30
    }

    /// The error for binary input that is not what `field` expects.
    static func classifyBinary(_ der: [UInt8], field: InputField) -> CertificateError {
        defer { OpenSSLError.clearQueue() }
        let isPFX: Bool = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            guard let p12 = d2i_PKCS12(nil, &cursor, buffer.count) else { return false }
            PKCS12_free(p12)
            return true
        }
        if isPFX { return .looksLikePFX(field: field) }
        if field.holdsPrivateKey {
            let isCertificate: Bool = der.withUnsafeBufferPointer { buffer in
                var cursor = buffer.baseAddress
                guard let x509 = d2i_X509(nil, &cursor, buffer.count) else { return false }
                X509_free(x509)
                return true
            }
            return isCertificate ? .certificateInKeyField(field: field) : .looksLikeDER(field: field, diagnostics: nil)
        }
        let isKey: Bool = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            guard let key = d2i_AutoPrivateKey(nil, &cursor, buffer.count) else { return false }
            EVP_PKEY_free(key)
            return true
        }
        if isKey { return .privateKeyInCertificateField(field: field) }
        return .looksLikeDER(field: field, diagnostics: nil)
    }
}
