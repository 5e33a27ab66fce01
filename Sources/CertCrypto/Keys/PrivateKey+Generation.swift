internal import COpenSSL

extension PrivateKey {
    /// Generates a new key.
    /// - Parameter algorithm: `.rsa(bits:)` with 2048, 3072 or 4096; `.p256`/`.p384` (also `secp521r1`);
    ///   `.sm2` (generated with the "SM2" key manager, so it signs with SM3); `.ed25519`.
    /// - Returns: the key.
    /// - Throws: ``CertificateError/unsupportedAlgorithm(field:algorithm:)`` for anything else;
    ///   ``CertificateError/cryptoFailure(operation:diagnostics:)`` if OpenSSL fails.
    public static func generate(_ algorithm: KeyAlgorithm) throws(CertificateError) -> PrivateKey {
        try OpenSSLProviders.require()
        let keyManager: String
        switch algorithm {
        case .rsa(let bits) where [2048, 3072, 4096].contains(bits): keyManager = "RSA"
        case .ec(let curve) where ["prime256v1", "P-256", "secp384r1", "P-384", "secp521r1", "P-521"].contains(curve):
            keyManager = "EC"
        case .sm2: keyManager = "SM2"
        case .ed25519: keyManager = "ED25519"
        default: throw .unsupportedAlgorithm(field: nil, algorithm: "\(algorithm) (key generation)")
        }
        OpenSSLError.clearQueue()
        guard let context = EVP_PKEY_CTX_new_from_name(nil, keyManager, nil) else {
            throw .cryptoFailure(
                operation: "EVP_PKEY_CTX_new_from_name",
                diagnostics: OpenSSLError.drain(after: "EVP_PKEY_CTX_new_from_name"))
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else {
            throw .cryptoFailure(
                operation: "EVP_PKEY_keygen_init", diagnostics: OpenSSLError.drain(after: "EVP_PKEY_keygen_init"))
        }
        switch algorithm {
        case .rsa(let bits):
            guard EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(bits)) == 1 else {
                throw .cryptoFailure(
                    operation: "EVP_PKEY_CTX_set_rsa_keygen_bits",
                    diagnostics: OpenSSLError.drain(after: "EVP_PKEY_CTX_set_rsa_keygen_bits"))
            }
        case .ec(let curve):
            guard EVP_PKEY_CTX_set_group_name(context, curve) == 1 else {
                throw .cryptoFailure(
                    operation: "EVP_PKEY_CTX_set_group_name",
                    diagnostics: OpenSSLError.drain(after: "EVP_PKEY_CTX_set_group_name"))
            }
        default:
            break
        }
        var key: OpaquePointer? = nil
        guard EVP_PKEY_generate(context, &key) == 1, let key else {
            throw .cryptoFailure(
                operation: "EVP_PKEY_generate", diagnostics: OpenSSLError.drain(after: "EVP_PKEY_generate"))
        }
        return PrivateKey(handle: PKeyHandle(taking: key))
    }
}
