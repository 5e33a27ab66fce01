internal import COpenSSL
import Foundation

extension JavaKeyStoreFormat {
    /// Writes a JKS file (version 2) that Java's `keytool` and `KeyStore.getInstance("JKS")` read.
    ///
    /// Keys are protected with Sun's JKS scheme (a fresh random salt each); aliases are written
    /// lower-cased, as Java does, and must then be unique.
    /// - Parameters:
    ///   - entries: the entries in the order to write; keys as PKCS#8 DER (traditional DER is
    ///     re-encoded as PKCS#8), chains leaf first.
    ///   - storePassword: the store password (keyed integrity digest).
    ///   - keyPassword: the password protecting each key; the store password when `nil`.
    /// - Returns: the JKS bytes.
    /// - Throws: ``KeyStoreError/invalidInput(detail:)`` for an empty, duplicate or overlong alias,
    ///   a key entry without certificates, DER that does not decode, or a key that does not belong
    ///   to its leaf certificate.
    public static func write(
        _ entries: [KeyStoreEntry],
        storePassword: String,
        keyPassword: String? = nil
    ) throws(KeyStoreError) -> [UInt8] {
        try Self.write(entries, storePassword: storePassword, keyPassword: keyPassword) { () throws(KeyStoreError) in
            try KeyStoreDigest.randomBytes(20)
        }
    }

    /// ``write(_:storePassword:keyPassword:)`` with the salt source injected, so tests can
    /// reproduce exact bytes (the committed keytool-verified fixture).
    static func write(
        _ entries: [KeyStoreEntry],
        storePassword: String,
        keyPassword: String?,
        makeSalt: () throws(KeyStoreError) -> [UInt8]
    ) throws(KeyStoreError) -> [UInt8] {
        try KeyStoreOpenSSL.loadProviders()
        var out: [UInt8] = []
        Self.append(Self.jksMagic, to: &out)
        Self.append(UInt32(2), to: &out)
        Self.append(UInt32(entries.count), to: &out)
        var aliases: Set<String> = []
        for entry in entries {
            let alias = entry.alias.lowercased()
            guard !alias.isEmpty else { throw .invalidInput(detail: "an entry has an empty alias") }
            guard aliases.insert(alias).inserted else {
                throw .invalidInput(detail: "the alias '\(alias)' is used twice (Java ignores case)")
            }
            switch entry {
            case .privateKey(_, let date, let key, let chain):
                guard let leaf = chain.first else {
                    throw .invalidInput(detail: "the private-key entry '\(alias)' has no certificate")
                }
                for (index, der) in chain.enumerated() { try Self.checkCertificate(der, alias: alias, index: index) }
                guard let pkcs8 = KeyStoreOpenSSL.normalizedPKCS8(key, matchingCertificateDER: leaf) else {
                    throw .invalidInput(
                        detail:
                            "the private key of '\(alias)' is not valid PKCS#8 or does not belong to its certificate"
                    )
                }
                let blob = try JKSKeyProtector.protect(
                    pkcs8, password: keyPassword ?? storePassword, salt: try makeSalt())
                let info = KeyStoreEncryptedKeyInfo(
                    algorithm: JKSKeyProtector.algorithm, parameters: nil, encryptedData: blob)
                Self.append(UInt32(1), to: &out)
                try Self.appendUTF(alias, to: &out)
                Self.append(Self.millis(date), to: &out)
                Self.appendLengthPrefixed(info.der, to: &out)
                Self.append(UInt32(chain.count), to: &out)
                for der in chain { try Self.appendCertificate(der, to: &out) }
            case .trustedCertificate(_, let date, let der):
                try Self.checkCertificate(der, alias: alias, index: 0)
                Self.append(UInt32(2), to: &out)
                try Self.appendUTF(alias, to: &out)
                Self.append(Self.millis(date), to: &out)
                try Self.appendCertificate(der, to: &out)
            }
        }
        out += try Self.integrityDigest(out, password: storePassword)
        return out
    }

    private static func checkCertificate(_ der: [UInt8], alias: String, index: Int) throws(KeyStoreError) {
        guard let certificate = KeyStoreOpenSSL.certificate(der: der) else {
            OpenSSLError.clearQueue()
            throw .invalidInput(detail: "certificate \(index + 1) of '\(alias)' is not valid DER")
        }
        X509_free(certificate)
    }

    private static func millis(_ date: Date) -> UInt64 {
        UInt64(bitPattern: Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }

    private static func append<Integer: FixedWidthInteger>(_ value: Integer, to out: inout [UInt8]) {
        for shift in stride(from: Integer.bitWidth - 8, through: 0, by: -8) {
            out.append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }

    private static func appendLengthPrefixed(_ bytes: [UInt8], to out: inout [UInt8]) {
        Self.append(UInt32(bytes.count), to: &out)
        out += bytes
    }

    private static func appendUTF(_ string: String, to out: inout [UInt8]) throws(KeyStoreError) {
        let encoded = JavaModifiedUTF8.encode(string)
        guard encoded.count <= Int(UInt16.max) else {
            throw .invalidInput(detail: "the alias '\(string.prefix(40))...' is longer than Java allows")
        }
        Self.append(UInt16(encoded.count), to: &out)
        out += encoded
    }

    private static func appendCertificate(_ der: [UInt8], to out: inout [UInt8]) throws(KeyStoreError) {
        try Self.appendUTF("X.509", to: &out)
        Self.appendLengthPrefixed(der, to: &out)
    }
}
