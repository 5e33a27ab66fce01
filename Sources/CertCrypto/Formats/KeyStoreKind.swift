/// Which key-store format a file is, told from its first bytes (not from its file name).
///
/// Role: lets an upload accept "a key store" and route it; ``KeyStoreContents/read(keyStore:password:keyPassword:)``
/// uses it. Isolation: a plain `Sendable` value.
public enum KeyStoreKind: Sendable, Equatable, CaseIterable {
    /// PKCS#12 / PFX: a DER (or BER) `SEQUENCE` starting with `INTEGER 3`.
    case pkcs12
    /// Java `JKS` (magic `FEEDFEED`).
    case jks
    /// Java `JCEKS` (magic `CECECECE`).
    case jceks

    /// Identifies the format from the leading bytes.
    /// - Parameter bytes: the file, or at least its first 12 bytes.
    /// - Returns: the format, or `nil` when the bytes start like none of them.
    public static func detect(_ bytes: [UInt8]) -> KeyStoreKind? {
        switch JavaKeyStoreFormat.kind(of: bytes) {
        case .jks: return .jks
        case .jceks: return .jceks
        case nil: break
        }
        // PFX: SEQUENCE (definite length) { INTEGER 3 (version), ... }
        guard bytes.count >= 5, bytes[0] == 0x30 else { return nil }
        var header = 2
        // 0x80 is BER's indefinite length, which some older Windows and Java exports use.
        if bytes[1] & 0x80 != 0, bytes[1] != 0x80 {
            let octets = Int(bytes[1] & 0x7F)
            guard (1...4).contains(octets) else { return nil }
            header += octets
        }
        guard bytes.count >= header + 3 else { return nil }
        return bytes[header..<header + 3].elementsEqual([0x02, 0x01, 0x03]) ? .pkcs12 : nil
    }
}

extension KeyStoreContents {
    /// Reads any supported key store (PFX, JKS, JCEKS), told apart by its content.
    /// - Parameters:
    ///   - bytes: the file's bytes.
    ///   - password: the store password.
    ///   - keyPassword: for JKS/JCEKS, the key password when it differs from the store password.
    /// - Returns: one value per key entry (key, leaf, chain, alias) and per trusted certificate
    ///   (certificate only), in file order; a PFX gives exactly one.
    /// - Throws: whatever ``PKCS12Format/read(_:password:)`` or
    ///   ``JavaKeyStoreFormat/read(_:storePassword:keyPassword:)`` throw; bytes that look like
    ///   neither are reported as ``KeyStoreError/notPKCS12(_:)``, the most common intended format.
    public static func read(
        keyStore bytes: [UInt8],
        password: String,
        keyPassword: String? = nil
    ) throws(KeyStoreError) -> [KeyStoreContents] {
        switch KeyStoreKind.detect(bytes) {
        case .jks, .jceks:
            return try JavaKeyStoreFormat.read(bytes, storePassword: password, keyPassword: keyPassword)
                .map(KeyStoreContents.init)
        case .pkcs12, nil:
            return [try PKCS12Format.read(bytes, password: password)]
        }
    }
}
