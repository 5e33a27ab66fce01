internal import COpenSSL

extension PrivateKey {
    /// The unencrypted PKCS#8 DER (`PrivateKeyInfo`): what certd seals and stores.
    public var pkcs8DER: [UInt8] {
        guard let info = EVP_PKEY2PKCS8(self.handle.pointer) else {
            preconditionFailure("EVP_PKEY2PKCS8 failed for a complete private key")
        }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        return OpenSSLEncoding.der { i2d_PKCS8_PRIV_KEY_INFO(info, $0) } ?? []
    }

    /// PKCS#8 PEM: `BEGIN PRIVATE KEY`, or `BEGIN ENCRYPTED PRIVATE KEY` (PBES2, AES-256-CBC) with a passphrase.
    /// - Parameter passphrase: encrypts the key when given and not empty.
    /// - Returns: the PEM text.
    /// - Throws: ``CertificateError/cryptoFailure(operation:diagnostics:)`` if OpenSSL cannot encode it.
    public func pkcs8PEM(passphrase: String? = nil) throws(CertificateError) -> String {
        OpenSSLError.clearQueue()
        let secret = passphrase.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        let pem = MemoryBIO.collectingString { bio in
            guard let secret else {
                return PEM_write_bio_PKCS8PrivateKey(bio, self.handle.pointer, nil, nil, 0, nil, nil) == 1
            }
            return secret.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    PEM_write_bio_PKCS8PrivateKey(
                        bio, self.handle.pointer, EVP_aes_256_cbc(), UnsafeMutablePointer(mutating: chars.baseAddress),
                        Int32(chars.count), nil, nil
                    ) == 1
                }
            }
        }
        guard let pem else {
            throw .cryptoFailure(
                operation: "PEM_write_bio_PKCS8PrivateKey",
                diagnostics: OpenSSLError.drain(after: "PEM_write_bio_PKCS8PrivateKey")
            )
        }
        return pem
    }

    /// The traditional encoding: PKCS#1 `BEGIN RSA PRIVATE KEY` or SEC1 `BEGIN EC PRIVATE KEY`.
    /// - Returns: the PEM text.
    /// - Throws: ``CertificateError/unsupportedAlgorithm(field:algorithm:)`` for SM2, Ed25519 and other
    ///   keys that have no standard traditional form (store those as PKCS#8).
    public func traditionalPEM() throws(CertificateError) -> String {
        let algorithm = self.algorithm
        switch algorithm {
        case .rsa, .ec: break
        default: throw .unsupportedAlgorithm(field: nil, algorithm: "\(algorithm) in traditional (non-PKCS#8) form")
        }
        OpenSSLError.clearQueue()
        let pem = MemoryBIO.collectingString { bio in
            PEM_write_bio_PrivateKey_traditional(bio, self.handle.pointer, nil, nil, 0, nil, nil) == 1
        }
        guard let pem else {
            throw .cryptoFailure(
                operation: "PEM_write_bio_PrivateKey_traditional",
                diagnostics: OpenSSLError.drain(after: "PEM_write_bio_PrivateKey_traditional")
            )
        }
        return pem
    }
}
