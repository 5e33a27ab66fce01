internal import COpenSSL

/// A reusable OpenSSL message digest (SHA-1 or MD5) for the Java key-store schemes.
///
/// Role: the only hashing primitive of the JKS/JCEKS code; Sun's schemes hash in long loops
/// (200,000 MD5 rounds per JCEKS key), so the algorithm is fetched once and the context reused.
/// Invariant: owns one `EVP_MD` and one `EVP_MD_CTX`, freed in `deinit`; neither escapes.
/// Isolation: not `Sendable`; create one per operation on the calling thread.
final class KeyStoreDigest {
    private let algorithm: OpaquePointer
    private let context: OpaquePointer
    /// The digest length in bytes (20 for SHA-1, 16 for MD5).
    let length: Int

    /// Fetches `name` ("SHA1", "MD5") from the default provider.
    /// - Throws: ``KeyStoreError/openSSLFailure(_:)`` when the algorithm or a context is unavailable.
    init(_ name: String) throws(KeyStoreError) {
        OpenSSLError.clearQueue()
        guard let algorithm = EVP_MD_fetch(nil, name, nil) else {
            throw .openSSLFailure(OpenSSLError.drain(after: "EVP_MD_fetch(\(name))"))
        }
        guard let context = EVP_MD_CTX_new() else {
            EVP_MD_free(algorithm)
            throw .openSSLFailure(OpenSSLError.drain(after: "EVP_MD_CTX_new"))
        }
        self.algorithm = algorithm
        self.context = context
        self.length = Int(EVP_MD_get_size(algorithm))
    }

    deinit {
        EVP_MD_CTX_free(self.context)
        EVP_MD_free(self.algorithm)
    }

    /// Hashes the concatenation of `parts`.
    /// - Parameter parts: byte strings fed to the digest in order.
    /// - Returns: the digest.
    /// - Throws: ``KeyStoreError/openSSLFailure(_:)`` if OpenSSL fails (it does not for in-memory input).
    func hash(_ parts: [UInt8]...) throws(KeyStoreError) -> [UInt8] {
        try self.hash(parts: parts)
    }

    /// Hashes the concatenation of `parts` (array form of ``hash(_:)``).
    func hash(parts: [[UInt8]]) throws(KeyStoreError) -> [UInt8] {
        guard EVP_DigestInit_ex2(self.context, self.algorithm, nil) == 1 else {
            throw .openSSLFailure(OpenSSLError.drain(after: "EVP_DigestInit_ex2"))
        }
        for part in parts {
            let ok = part.withUnsafeBytes { EVP_DigestUpdate(self.context, $0.baseAddress, $0.count) }
            guard ok == 1 else { throw .openSSLFailure(OpenSSLError.drain(after: "EVP_DigestUpdate")) }
        }
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var written: UInt32 = 0
        guard EVP_DigestFinal_ex(self.context, &out, &written) == 1 else {
            throw .openSSLFailure(OpenSSLError.drain(after: "EVP_DigestFinal_ex"))
        }
        return Array(out.prefix(Int(written)))
    }

    /// Applies `h = digest(h || suffix)` `times` times, starting from `seed`, without allocating
    /// per round (JCEKS key derivation runs 200,000 rounds per key half).
    /// - Parameters:
    ///   - seed: the starting value `h`.
    ///   - suffix: the bytes hashed after `h` in every round (the password).
    ///   - times: the number of rounds, at least 1.
    /// - Returns: the final `h`.
    func iterate(_ seed: [UInt8], suffix: [UInt8], times: Int) throws(KeyStoreError) -> [UInt8] {
        var state = seed + [UInt8](repeating: 0, count: max(0, Int(EVP_MAX_MD_SIZE) - seed.count))
        var length = UInt32(seed.count)
        let ok = state.withUnsafeMutableBufferPointer { buffer in
            suffix.withUnsafeBytes { suffix in
                for _ in 0..<times {
                    guard EVP_DigestInit_ex2(self.context, self.algorithm, nil) == 1,
                        EVP_DigestUpdate(self.context, buffer.baseAddress, Int(length)) == 1,
                        EVP_DigestUpdate(self.context, suffix.baseAddress, suffix.count) == 1,
                        EVP_DigestFinal_ex(self.context, buffer.baseAddress, &length) == 1
                    else { return false }
                }
                return true
            }
        }
        guard ok else { throw .openSSLFailure(OpenSSLError.drain(after: "EVP_Digest (iterated)")) }
        return Array(state.prefix(Int(length)))
    }

    /// Cryptographically random bytes from OpenSSL's DRBG (salts).
    /// - Parameter count: how many bytes.
    /// - Throws: ``KeyStoreError/openSSLFailure(_:)`` if the DRBG fails.
    static func randomBytes(_ count: Int) throws(KeyStoreError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&out, Int32(count)) == 1 else {
            throw .openSSLFailure(OpenSSLError.drain(after: "RAND_bytes"))
        }
        return out
    }
}
