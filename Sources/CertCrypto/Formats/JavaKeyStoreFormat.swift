import Foundation

/// Reads Java key stores (JKS and JCEKS) and writes JKS, parsing the big-endian format itself.
///
/// Layout: magic (`FEEDFEED` JKS, `CECECECE` JCEKS), version (1 or 2), entry count, entries,
/// then a 20-byte SHA-1 over `password (UTF-16BE) || "Mighty Aphrodite" || everything before`.
/// Entry tag 1 = private key (alias, date, `EncryptedPrivateKeyInfo`, certificate chain), tag 2 =
/// trusted certificate, tag 3 = JCEKS secret key (a Java-serialised object: refused). Certificates
/// are `type ("X.509", version 2 only) || length || DER`; strings are Java modified UTF-8.
/// Invariants: every length is checked against the remaining bytes before anything is allocated,
/// so malformed input ends in ``KeyStoreError/corrupt(detail:)``, never a trap; the structure is
/// checked before the integrity digest, and keys are decrypted only after the digest verified.
/// Isolation: stateless and thread-safe.
public enum JavaKeyStoreFormat {
    /// The largest file accepted (2 MiB, which also fits a full JDK `cacerts` trust store).
    public static let maximumInputSize = 2 * 1024 * 1024

    /// Which Java key-store type a file is.
    public enum Kind: Sendable, Equatable {
        /// Sun's `JKS` (magic `FEEDFEED`); keys protected with the SHA-1 keystream scheme.
        case jks
        /// SunJCE's `JCEKS` (magic `CECECECE`); keys protected with PBEWithMD5AndTripleDES.
        case jceks
    }

    static let jksMagic: UInt32 = 0xFEED_FEED
    static let jceksMagic: UInt32 = 0xCECE_CECE
    static let integritySalt = Array("Mighty Aphrodite".utf8)
    private static let digestLength = 20

    /// The key-store type the bytes announce, or `nil` when they carry neither magic number.
    /// - Parameter bytes: the start of a file (4 bytes suffice).
    public static func kind(of bytes: [UInt8]) -> Kind? {
        guard bytes.count >= 4 else { return nil }
        switch bytes.prefix(4).reduce(UInt32(0), { $0 << 8 | UInt32($1) }) {
        case Self.jksMagic: return .jks
        case Self.jceksMagic: return .jceks
        default: return nil
        }
    }

    /// Reads a JKS or JCEKS file.
    /// - Parameters:
    ///   - bytes: the file's bytes.
    ///   - storePassword: the store password (keytool `-storepass`); it verifies the integrity digest.
    ///   - keyPassword: the key password (keytool `-keypass`) when it differs; the store password
    ///     is tried too, so passing only the store password works for the usual same-password stores.
    /// - Returns: the entries in file order, keys as unencrypted PKCS#8 DER, chains leaf first.
    /// - Throws: ``KeyStoreError/emptyInput``, ``KeyStoreError/tooLarge(size:limit:)``,
    ///   ``KeyStoreError/notJKS(magic:)``, ``KeyStoreError/corrupt(detail:)``,
    ///   ``KeyStoreError/wrongPassword`` (digest mismatch), ``KeyStoreError/wrongKeyPassword(alias:)``,
    ///   ``KeyStoreError/unsupportedEntry(kind:)`` or ``KeyStoreError/unsupportedAlgorithm(oid:)``.
    public static func read(
        _ bytes: [UInt8],
        storePassword: String,
        keyPassword: String? = nil
    ) throws(KeyStoreError) -> [KeyStoreEntry] {
        try KeyStoreOpenSSL.loadProviders()
        guard !bytes.isEmpty else { throw .emptyInput }
        guard bytes.count <= Self.maximumInputSize else {
            throw .tooLarge(size: bytes.count, limit: Self.maximumInputSize)
        }
        var reader = KeyStoreByteReader(bytes)
        guard bytes.count >= 4 else {
            throw .corrupt(detail: "the file is only \(bytes.count) bytes long")
        }
        let magic = try reader.readUInt32("magic number")
        let kind: Kind
        switch magic {
        case Self.jksMagic: kind = .jks
        case Self.jceksMagic: kind = .jceks
        default: throw .notJKS(magic: magic)
        }
        let version = try reader.readUInt32("version")
        guard version == 1 || version == 2 else {
            throw .corrupt(detail: "unknown key-store version \(version)")
        }
        let count = try reader.readUInt32("entry count")

        var entries: [RawEntry] = []
        for _ in 0..<count {
            entries.append(try Self.readEntry(&reader, kind: kind, version: version))
        }
        guard reader.remaining == Self.digestLength else {
            throw .corrupt(
                detail: reader.remaining < Self.digestLength
                    ? "the integrity digest at the end is missing or cut short"
                    : "\(reader.remaining - Self.digestLength) unexpected bytes follow the last entry"
            )
        }
        let body = Array(bytes.dropLast(Self.digestLength))
        guard try Self.integrityDigest(body, password: storePassword) == Array(bytes.suffix(Self.digestLength))
        else { throw .wrongPassword }

        var passwords: [String] = []
        if let keyPassword { passwords.append(keyPassword) }
        if keyPassword != storePassword { passwords.append(storePassword) }
        return try entries.map { entry throws(KeyStoreError) -> KeyStoreEntry in
            switch entry {
            case .trustedCertificate(let alias, let date, let certificate):
                return .trustedCertificate(alias: alias, creationDate: date, certificateDER: certificate)
            case .privateKey(let alias, let date, let protectedKey, let chain):
                let key = try Self.recoverKey(protectedKey, alias: alias, passwords: passwords)
                return .privateKey(
                    alias: alias, creationDate: date, privateKeyPKCS8DER: key, certificateChainDER: chain)
            }
        }
    }

    /// An entry as stored, its key still protected.
    private enum RawEntry {
        case privateKey(alias: String, date: Date, protectedKey: [UInt8], chain: [[UInt8]])
        case trustedCertificate(alias: String, date: Date, certificate: [UInt8])
    }

    private static func readEntry(
        _ reader: inout KeyStoreByteReader,
        kind: Kind,
        version: UInt32
    ) throws(KeyStoreError) -> RawEntry {
        let tagOffset = reader.offset
        let tag = try reader.readUInt32("entry tag")
        switch tag {
        case 1:
            let alias = try reader.readJavaUTF("alias")
            let date = Self.date(millis: try reader.readUInt64("creation date of '\(alias)'"))
            let protectedKey = try reader.readLengthPrefixed("protected key of '\(alias)'")
            let chainLength = try reader.readUInt32("chain length of '\(alias)'")
            var chain: [[UInt8]] = []
            for _ in 0..<chainLength {
                chain.append(try Self.readCertificate(&reader, alias: alias, version: version))
            }
            // Java's JKS can hold a key without a chain (KeyStore.setKeyEntry with a null chain);
            // certd needs the certificate to know what the key is for.
            guard !chain.isEmpty else { throw .unsupportedEntry(kind: "private key without certificate") }
            return .privateKey(alias: alias, date: date, protectedKey: protectedKey, chain: chain)
        case 2:
            let alias = try reader.readJavaUTF("alias")
            let date = Self.date(millis: try reader.readUInt64("creation date of '\(alias)'"))
            let certificate = try Self.readCertificate(&reader, alias: alias, version: version)
            return .trustedCertificate(alias: alias, date: date, certificate: certificate)
        case 3 where kind == .jceks:
            // A serialised javax.crypto.SealedObject with no length prefix: nothing after it can be found.
            throw .unsupportedEntry(kind: "secret key")
        default:
            throw .corrupt(detail: "unknown entry tag \(tag) at byte \(tagOffset)")
        }
    }

    private static func readCertificate(
        _ reader: inout KeyStoreByteReader,
        alias: String,
        version: UInt32
    ) throws(KeyStoreError) -> [UInt8] {
        if version == 2 {
            let type = try reader.readJavaUTF("certificate type of '\(alias)'")
            guard type == "X.509" else { throw .unsupportedEntry(kind: "\(type) certificate") }
        }
        let der = try reader.readLengthPrefixed("certificate of '\(alias)'")
        guard !der.isEmpty else { throw .corrupt(detail: "a certificate of '\(alias)' is empty") }
        return der
    }

    private static func recoverKey(
        _ protectedKey: [UInt8],
        alias: String,
        passwords: [String]
    ) throws(KeyStoreError) -> [UInt8] {
        let info = try KeyStoreEncryptedKeyInfo(der: protectedKey, alias: alias)
        for password in passwords {
            let recovered: [UInt8]?
            switch info.algorithm {
            case JKSKeyProtector.algorithm:
                recovered = try JKSKeyProtector.recover(info.encryptedData, password: password, alias: alias)
            case JCEKSKeyProtector.algorithm:
                recovered = try JCEKSKeyProtector.recover(info, password: password, alias: alias)
            default:
                throw .unsupportedAlgorithm(oid: info.algorithm)
            }
            if let recovered { return recovered }
        }
        throw .wrongKeyPassword(alias: alias)
    }

    /// SHA-1 over `password (UTF-16BE) || "Mighty Aphrodite" || body`: Java's keyed integrity check.
    static func integrityDigest(_ body: [UInt8], password: String) throws(KeyStoreError) -> [UInt8] {
        try KeyStoreDigest("SHA1").hash(JKSKeyProtector.passwordBytes(password), Self.integritySalt, body)
    }

    private static func date(millis: UInt64) -> Date {
        Date(timeIntervalSince1970: Double(Int64(bitPattern: millis)) / 1000)
    }
}
