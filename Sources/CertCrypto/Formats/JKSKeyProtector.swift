/// Sun's proprietary JKS private-key protection (OID 1.3.6.1.4.1.42.2.17.1.1), as in
/// `sun.security.provider.KeyProtector`.
///
/// Scheme: a 20-byte random salt; a keystream of SHA-1 blocks where block 1 = SHA1(password ||
/// salt) and block n = SHA1(password || block n-1); the key is XORed with it; a check value
/// SHA1(password || plain key) follows. The stored blob is `salt || ciphertext || check`. The
/// password is its UTF-16 code units, big-endian (Java `char`s). Weak by design (it is Java's), so
/// certd only reads it and writes it for compatibility; PKCS#12 is the format to prefer.
/// Isolation: stateless.
enum JKSKeyProtector {
    static let algorithm = "1.3.6.1.4.1.42.2.17.1.1"
    private static let saltLength = 20
    private static let digestLength = 20

    /// Java's password bytes: each UTF-16 code unit as two big-endian bytes.
    static func passwordBytes(_ password: String) -> [UInt8] {
        password.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// Encrypts a PKCS#8 key into the `salt || ciphertext || check` blob.
    /// - Parameters:
    ///   - plainKey: unencrypted PKCS#8 DER.
    ///   - password: the key password.
    ///   - salt: 20 random bytes (injected so tests can reproduce exact output).
    /// - Returns: the blob that goes into the OCTET STRING of the `EncryptedPrivateKeyInfo`.
    static func protect(_ plainKey: [UInt8], password: String, salt: [UInt8]) throws(KeyStoreError) -> [UInt8] {
        precondition(salt.count == Self.saltLength, "the JKS scheme uses a 20-byte salt")
        let sha1 = try KeyStoreDigest("SHA1")
        let passwordBytes = Self.passwordBytes(password)
        let keystream = try Self.keystream(sha1, passwordBytes: passwordBytes, salt: salt, count: plainKey.count)
        let encrypted = zip(plainKey, keystream).map { $0 ^ $1 }
        return salt + encrypted + (try sha1.hash(passwordBytes, plainKey))
    }

    /// Decrypts the blob made by ``protect(_:password:salt:)``.
    /// - Returns: the PKCS#8 DER, or `nil` when the check value shows the password is wrong.
    /// - Throws: ``KeyStoreError/corrupt(detail:)`` when the blob is too short to hold salt and check.
    static func recover(_ blob: [UInt8], password: String, alias: String) throws(KeyStoreError) -> [UInt8]? {
        guard blob.count >= Self.saltLength + Self.digestLength else {
            throw .corrupt(detail: "the protected key of entry '\(alias)' is only \(blob.count) bytes long")
        }
        let sha1 = try KeyStoreDigest("SHA1")
        let passwordBytes = Self.passwordBytes(password)
        let salt = Array(blob.prefix(Self.saltLength))
        let encrypted = Array(blob.dropFirst(Self.saltLength).dropLast(Self.digestLength))
        let check = Array(blob.suffix(Self.digestLength))
        let keystream = try Self.keystream(sha1, passwordBytes: passwordBytes, salt: salt, count: encrypted.count)
        let plainKey = zip(encrypted, keystream).map { $0 ^ $1 }
        return try sha1.hash(passwordBytes, plainKey) == check ? plainKey : nil
    }

    private static func keystream(
        _ sha1: KeyStoreDigest,
        passwordBytes: [UInt8],
        salt: [UInt8],
        count: Int
    ) throws(KeyStoreError) -> [UInt8] {
        var stream: [UInt8] = []
        stream.reserveCapacity(count + Self.digestLength)
        var block = salt
        while stream.count < count {
            block = try sha1.hash(passwordBytes, block)
            stream += block
        }
        return Array(stream.prefix(count))
    }
}
