internal import COpenSSL

/// Seals and opens blobs with AES-256-GCM under a master key.
///
/// Role: encryption at rest for private keys. Each seal uses a fresh random 96-bit nonce (at
/// 2^32 seals per key the collision risk stays below 2^-32, far beyond certd's volume); the
/// associated data (e.g. the record id) is authenticated, so a blob copied to another record
/// fails to open.
/// Invariant: the key is 32 bytes. Isolation: a `Sendable` value; each call is independent.
public struct Sealer: Sendable {
    private let masterKey: MasterKey

    public init(masterKey: MasterKey) {
        self.masterKey = masterKey
    }

    /// Encrypts and authenticates `plaintext`, binding `associatedData`.
    /// - Parameters:
    ///   - plaintext: the secret (e.g. PKCS#8 DER).
    ///   - associatedData: what the blob belongs to (e.g. `"key/<certificate id>"`), not stored.
    /// - Returns: the sealed box.
    /// - Throws: ``SealingError/cryptoFailure(_:)`` if OpenSSL fails.
    public func seal(_ plaintext: [UInt8], associatedData: [UInt8]) throws(SealingError) -> SealedBox {
        let nonce = try Self.randomBytes(SealedBox.nonceLength)
        OpenSSLError.clearQueue()
        guard let context = EVP_CIPHER_CTX_new() else {
            throw .cryptoFailure(OpenSSLError.drain(after: "EVP_CIPHER_CTX_new"))
        }
        defer { EVP_CIPHER_CTX_free(context) }
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + 16)
        var tag = [UInt8](repeating: 0, count: SealedBox.tagLength)
        var length: Int32 = 0
        var total = 0
        guard EVP_EncryptInit_ex(context, FetchedAlgorithms.shared.aes256GCM, nil, self.masterKey.bytes, nonce) == 1,
            associatedData.isEmpty
                || EVP_EncryptUpdate(context, nil, &length, associatedData, Int32(associatedData.count)) == 1
        else { throw .cryptoFailure(OpenSSLError.drain(after: "EVP_EncryptInit_ex")) }
        if !plaintext.isEmpty {
            guard EVP_EncryptUpdate(context, &ciphertext, &length, plaintext, Int32(plaintext.count)) == 1 else {
                throw .cryptoFailure(OpenSSLError.drain(after: "EVP_EncryptUpdate"))
            }
            total = Int(length)
        }
        let finalOK = ciphertext.withUnsafeMutableBufferPointer { buffer in
            EVP_EncryptFinal_ex(context, buffer.baseAddress! + total, &length)
        }
        guard finalOK == 1 else { throw .cryptoFailure(OpenSSLError.drain(after: "EVP_EncryptFinal_ex")) }
        total += Int(length)
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(SealedBox.tagLength), &tag) == 1 else {
            throw .cryptoFailure(OpenSSLError.drain(after: "EVP_CTRL_GCM_GET_TAG"))
        }
        return SealedBox(nonce: nonce, ciphertext: Array(ciphertext.prefix(total)), tag: tag)
    }

    /// Checks and decrypts a sealed box.
    /// - Parameters:
    ///   - box: the sealed box.
    ///   - associatedData: the same associated data given to ``seal(_:associatedData:)``.
    /// - Returns: the plaintext.
    /// - Throws: ``SealingError/authenticationFailed`` for a wrong key, wrong associated data or
    ///   an altered blob (GCM cannot tell these apart).
    public func open(_ box: SealedBox, associatedData: [UInt8]) throws(SealingError) -> [UInt8] {
        OpenSSLError.clearQueue()
        guard let context = EVP_CIPHER_CTX_new() else {
            throw .cryptoFailure(OpenSSLError.drain(after: "EVP_CIPHER_CTX_new"))
        }
        defer { EVP_CIPHER_CTX_free(context) }
        let nonce = Array(box.nonce)
        let ciphertext = Array(box.ciphertext)
        var tag = Array(box.tag)
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count + 16)
        var length: Int32 = 0
        var total = 0
        guard EVP_DecryptInit_ex(context, FetchedAlgorithms.shared.aes256GCM, nil, self.masterKey.bytes, nonce) == 1,
            associatedData.isEmpty
                || EVP_DecryptUpdate(context, nil, &length, associatedData, Int32(associatedData.count)) == 1
        else { throw .cryptoFailure(OpenSSLError.drain(after: "EVP_DecryptInit_ex")) }
        if !ciphertext.isEmpty {
            guard EVP_DecryptUpdate(context, &plaintext, &length, ciphertext, Int32(ciphertext.count)) == 1 else {
                throw .cryptoFailure(OpenSSLError.drain(after: "EVP_DecryptUpdate"))
            }
            total = Int(length)
        }
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(SealedBox.tagLength), &tag) == 1 else {
            throw .cryptoFailure(OpenSSLError.drain(after: "EVP_CTRL_GCM_SET_TAG"))
        }
        let finalOK = plaintext.withUnsafeMutableBufferPointer { buffer in
            EVP_DecryptFinal_ex(context, buffer.baseAddress! + total, &length)
        }
        guard finalOK == 1 else {
            OpenSSLError.clearQueue()
            throw .authenticationFailed
        }
        total += Int(length)
        return Array(plaintext.prefix(total))
    }

    static func randomBytes(_ count: Int) throws(SealingError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&bytes, Int32(count)) == 1 else {
            throw .cryptoFailure(OpenSSLError.drain(after: "RAND_bytes"))
        }
        return bytes
    }
}
