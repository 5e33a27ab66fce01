internal import COpenSSL

/// Sun's JCEKS private-key protection, PBEWithMD5AndTripleDES (OID 1.3.6.1.4.1.42.2.19.1), as in
/// `com.sun.crypto.provider.PBES1Core` (read only).
///
/// Scheme: parameters are an 8-byte salt and an iteration count. If the salt's halves are equal,
/// the first half is reversed. Each half is hashed `iterations` times as
/// `h = MD5(h || password)` starting from the half; the two 16-byte results give a 24-byte
/// DES-EDE3 key and an 8-byte IV; the key is DES-EDE3-CBC with PKCS#5 padding. The password is its
/// characters' low bytes (Java accepts printable ASCII only here).
/// Isolation: stateless.
enum JCEKSKeyProtector {
    static let algorithm = "1.3.6.1.4.1.42.2.19.1"
    /// Java's own ceiling (`jdk.jceks.iterationCount` may not exceed it); more is refused, not computed.
    static let maximumIterations = 5_000_000

    /// Decrypts a JCEKS-protected key.
    /// - Returns: the PKCS#8 DER, or `nil` when the password is wrong (bad padding or not DER).
    /// - Throws: ``KeyStoreError/corrupt(detail:)`` for malformed parameters or ciphertext.
    static func recover(
        _ info: KeyStoreEncryptedKeyInfo,
        password: String,
        alias: String
    ) throws(KeyStoreError) -> [UInt8]? {
        guard let parameters = info.parameters, parameters.tag == KeyStoreDER.sequenceTag,
            let fields = KeyStoreDER.elements(parameters.content), fields.count == 2,
            fields[0].tag == KeyStoreDER.octetStringTag, fields[0].content.count == 8,
            fields[1].tag == KeyStoreDER.integerTag,
            let iterations = KeyStoreDER.smallInteger(fields[1].content), iterations >= 1
        else {
            throw .corrupt(detail: "the PBE parameters of entry '\(alias)' are malformed")
        }
        guard iterations <= Self.maximumIterations else {
            throw .corrupt(detail: "entry '\(alias)' asks for \(iterations) PBE iterations, more than Java allows")
        }
        guard !info.encryptedData.isEmpty, info.encryptedData.count % 8 == 0 else {
            throw .corrupt(detail: "the encrypted key of entry '\(alias)' is not a whole number of 3DES blocks")
        }
        // Java rejects anything but printable ASCII for this PBE, so such a password cannot be right.
        guard password.utf16.allSatisfy({ (0x20...0x7E).contains($0) }) else { return nil }
        let passwordBytes = password.utf16.map { UInt8($0) }

        var salt = fields[0].content
        if salt[0..<4] == salt[4..<8] { salt[0..<4].reverse() }
        let md5 = try KeyStoreDigest("MD5")
        var derived: [UInt8] = []
        for half in 0..<2 {
            derived += try md5.iterate(Array(salt[half * 4..<half * 4 + 4]), suffix: passwordBytes, times: iterations)
        }
        guard let plain = try Self.decrypt(info.encryptedData, key: Array(derived[0..<24]), iv: Array(derived[24..<32]))
        else { return nil }
        // One in 256 wrong passwords still yields valid padding: demand a single DER SEQUENCE too.
        guard let elements = KeyStoreDER.elements(plain), elements.count == 1,
            elements[0].tag == KeyStoreDER.sequenceTag
        else { return nil }
        return plain
    }

    /// DES-EDE3-CBC decryption through OpenSSL; `nil` when the padding is wrong.
    private static func decrypt(_ ciphertext: [UInt8], key: [UInt8], iv: [UInt8]) throws(KeyStoreError) -> [UInt8]? {
        OpenSSLError.clearQueue()
        guard let cipher = EVP_CIPHER_fetch(nil, "DES-EDE3-CBC", nil) else {
            throw .openSSLFailure(OpenSSLError.drain(after: "EVP_CIPHER_fetch(DES-EDE3-CBC)"))
        }
        defer { EVP_CIPHER_free(cipher) }
        guard let context = EVP_CIPHER_CTX_new() else {
            throw .openSSLFailure(OpenSSLError.drain(after: "EVP_CIPHER_CTX_new"))
        }
        defer { EVP_CIPHER_CTX_free(context) }
        guard EVP_DecryptInit_ex2(context, cipher, key, iv, nil) == 1 else {
            throw .openSSLFailure(OpenSSLError.drain(after: "EVP_DecryptInit_ex2"))
        }
        var out = [UInt8](repeating: 0, count: ciphertext.count + 8)
        var written: Int32 = 0
        var final: Int32 = 0
        let updated = out.withUnsafeMutableBufferPointer { buffer in
            EVP_DecryptUpdate(context, buffer.baseAddress, &written, ciphertext, Int32(ciphertext.count))
        }
        guard updated == 1 else { throw .openSSLFailure(OpenSSLError.drain(after: "EVP_DecryptUpdate")) }
        let finished = out.withUnsafeMutableBufferPointer { buffer in
            EVP_DecryptFinal_ex(context, buffer.baseAddress! + Int(written), &final)
        }
        guard finished == 1 else {
            OpenSSLError.clearQueue()  // "bad decrypt": the expected sign of a wrong password
            return nil
        }
        return Array(out.prefix(Int(written + final)))
    }
}
