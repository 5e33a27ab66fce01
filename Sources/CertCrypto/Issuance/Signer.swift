internal import COpenSSL

/// Signs certificates and CSRs with the right digest for the key, and the GM/T 0009
/// distinguishing ID for SM2 (OpenSSL 3.0 silently uses an empty ID otherwise; shared notes §3).
///
/// Role: the one signing path for issuance and CSR generation. Isolation: stateless.
enum Signer {
    /// Runs `sign` (`X509_sign_ctx` / `X509_REQ_sign_ctx`) with a digest context prepared for `key`.
    static func sign(with key: PrivateKey, operation: String, _ sign: (OpaquePointer) -> Int32)
        throws(CertificateError)
    {
        OpenSSLError.clearQueue()
        guard let mdContext = EVP_MD_CTX_new() else {
            throw .cryptoFailure(operation: "EVP_MD_CTX_new", diagnostics: OpenSSLError.drain(after: "EVP_MD_CTX_new"))
        }
        var keyContext: OpaquePointer? = nil
        // The MD context does not own the key context: free it after the MD context (shared notes §3).
        defer {
            EVP_MD_CTX_free(mdContext)
            if let keyContext { EVP_PKEY_CTX_free(keyContext) }
        }
        let algorithm = key.algorithm
        let digest: OpaquePointer?
        switch algorithm {
        case .sm2:
            guard let context = EVP_PKEY_CTX_new_from_pkey(nil, key.handle.pointer, nil) else {
                throw .cryptoFailure(operation: operation, diagnostics: OpenSSLError.drain(after: "EVP_PKEY_CTX_new"))
            }
            keyContext = context
            let ok = OpenSSLEncoding.sm2DistinguishingID.withUnsafeBytes {
                EVP_PKEY_CTX_set1_id(context, $0.baseAddress, Int32($0.count))
            }
            guard ok == 1 else {
                throw .cryptoFailure(
                    operation: operation, diagnostics: OpenSSLError.drain(after: "EVP_PKEY_CTX_set1_id"))
            }
            EVP_MD_CTX_set_pkey_ctx(mdContext, context)
            digest = EVP_sm3()
        case .ed25519, .ed448:
            digest = nil
        case .ec(let curve) where curve == "secp384r1":
            digest = EVP_sha384()
        case .ec(let curve) where curve == "secp521r1":
            digest = EVP_sha512()
        case .rsa, .ec:
            digest = EVP_sha256()
        case .other(let name):
            throw .unsupportedAlgorithm(field: nil, algorithm: name)
        }
        guard EVP_DigestSignInit(mdContext, nil, digest, nil, key.handle.pointer) == 1 else {
            throw .cryptoFailure(operation: operation, diagnostics: OpenSSLError.drain(after: "EVP_DigestSignInit"))
        }
        guard sign(mdContext) > 0 else {
            throw .cryptoFailure(operation: operation, diagnostics: OpenSSLError.drain(after: operation))
        }
    }
}
