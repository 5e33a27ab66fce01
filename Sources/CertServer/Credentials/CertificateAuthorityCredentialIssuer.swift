public import CertCrypto
public import Foundation

/// Issues client credentials with a CertCrypto ``CertificateAuthority`` (certd's service CA).
///
/// Role: the production ``CredentialIssuer``: a fresh key per call, a `clientAuth` leaf named
/// `CN=<account id>`, signed by the CA.
/// Invariants: the CA key never leaves this value; keys are generated per call and not kept.
/// Isolation: an immutable value; safe to call concurrently (OpenSSL objects are not shared
/// mutably: the CA key is only read while signing).
public struct CertificateAuthorityCredentialIssuer: CredentialIssuer {
    /// The service CA.
    public let authority: CertificateAuthority
    /// The key type of issued client certificates (P-256 by default: fast, and usable for TLS).
    public let keyAlgorithm: KeyAlgorithm
    /// The current time (injected so tests can pin validity).
    let now: @Sendable () -> Date

    /// - Parameters:
    ///   - authority: the CA that signs client certificates (the one the server trusts for mTLS).
    ///   - keyAlgorithm: the key type to generate; SM2 cannot be used for TLS with OpenSSL 3.0.
    ///   - now: the clock.
    public init(
        authority: CertificateAuthority,
        keyAlgorithm: KeyAlgorithm = .p256,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.authority = authority
        self.keyAlgorithm = keyAlgorithm
        self.now = now
    }

    /// Generates a key and a client certificate for `accountID`.
    /// - Throws: ``CertificateError`` when key generation or signing fails.
    public func issueClientCredentials(accountID: String, validityDays: Int) async throws -> ClientCredentials {
        let key = try PrivateKey.generate(self.keyAlgorithm)
        let certificate = try self.authority.issueLeaf(
            subject: DistinguishedName(commonName: accountID, organization: "certd client"),
            publicKey: key.publicKey,
            subjectAlternativeNames: [],
            validity: Validity.days(validityDays, from: self.now()),
            extendedKeyUsage: [.clientAuth]
        )
        return ClientCredentials(
            certificatePEM: certificate.pem,
            privateKeyPEM: try key.pkcs8PEM(),
            caCertificatePEM: self.authority.certificate.pem,
            fingerprintSHA256: certificate.sha256Fingerprint
        )
    }
}
