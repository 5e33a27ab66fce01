internal import COpenSSL

/// Decides whether private keys belong to certificates, by public-key equality.
///
/// Role: upload validation (single certificates and SM2 dual signing/encryption pairs) and CA
/// loading. Compares with `EVP_PKEY_eq(...) == 1` (never text, never the C truthiness idiom that
/// treats -1 "different types" as a match).
/// Isolation: stateless.
public enum KeyMatcher {
    /// Whether `key` is the private half of `certificate`'s public key.
    public static func matches(certificate: Certificate, key: PrivateKey) -> Bool {
        guard let certificateKey = X509_get0_pubkey(certificate.handle.pointer) else { return false }
        let result = EVP_PKEY_eq(certificateKey, key.handle.pointer)
        OpenSSLError.clearQueue()
        return result == 1
    }

    /// Checks one certificate/key pair.
    /// - Parameters:
    ///   - certificate: the certificate.
    ///   - key: the private key said to belong to it.
    ///   - pair: which pair this is, for the error (``KeyPairRole/single`` unless SM2 dual).
    /// - Throws: ``CertificateError/keyMismatch(pair:certificateKeyAlgorithm:certificateKeyFingerprint:privateKeyAlgorithm:privateKeyFingerprint:)``
    ///   naming both public keys' algorithms and SHA-256 SubjectPublicKeyInfo fingerprints.
    public static func check(certificate: Certificate, key: PrivateKey, pair: KeyPairRole = .single)
        throws(CertificateError)
    {
        guard self.matches(certificate: certificate, key: key) else {
            let certificateKey = certificate.publicKey
            let privateKeyPublic = key.publicKey
            throw .keyMismatch(
                pair: pair,
                certificateKeyAlgorithm: certificateKey.algorithm,
                certificateKeyFingerprint: certificateKey.fingerprint,
                privateKeyAlgorithm: privateKeyPublic.algorithm,
                privateKeyFingerprint: privateKeyPublic.fingerprint
            )
        }
    }

    /// Checks both pairs of an SM2 dual certificate, signing pair first.
    /// - Throws: ``CertificateError/keyMismatch(pair:certificateKeyAlgorithm:certificateKeyFingerprint:privateKeyAlgorithm:privateKeyFingerprint:)``
    ///   with `pair` ``KeyPairRole/signing`` or ``KeyPairRole/encryption`` saying which failed.
    public static func checkDual(
        signingCertificate: Certificate,
        signingKey: PrivateKey,
        encryptionCertificate: Certificate,
        encryptionKey: PrivateKey
    ) throws(CertificateError) {
        try self.check(certificate: signingCertificate, key: signingKey, pair: .signing)
        try self.check(certificate: encryptionCertificate, key: encryptionKey, pair: .encryption)
    }
}
