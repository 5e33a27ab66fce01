/// Mints client certificates that authenticate as an account: the service CA's side of
/// `Accounts/IssueCredentials`.
///
/// Role: keeps the CA key out of the handlers; certd supplies one built on the service CA
/// (``CertificateAuthorityCredentialIssuer``), tests may supply their own.
/// Invariants: the returned fingerprint is the SHA-256 of the returned certificate's DER, and the
/// certificate is signed by the CA whose PEM is returned.
/// Isolation: implementations are `Sendable` and may be called concurrently.
public protocol CredentialIssuer: Sendable {
    /// Generates a key pair and a client certificate for `accountID`.
    /// - Parameters:
    ///   - accountID: the account the certificate will authenticate as (used as its common name).
    ///   - validityDays: how long the certificate is valid, from now.
    /// - Returns: the certificate, its key and the CA certificate, as PEM.
    /// - Throws: a CertCrypto error when generation or signing fails.
    func issueClientCredentials(accountID: String, validityDays: Int) async throws -> ClientCredentials
}

/// A freshly minted client certificate with its private key.
///
/// Role: what ``CredentialIssuer`` hands to the Accounts handler, which binds the fingerprint and
/// returns the rest to the caller once; nothing here is stored by the server.
/// Isolation: a plain value; holds a private key, so it is never logged.
public struct ClientCredentials: Sendable {
    /// The client certificate (PEM).
    public var certificatePEM: String
    /// Its private key (PKCS#8 PEM, unencrypted).
    public var privateKeyPEM: String
    /// The CA that signed it (PEM).
    public var caCertificatePEM: String
    /// SHA-256 of the certificate's DER, lowercase hex.
    public var fingerprintSHA256: String

    /// - Parameters:
    ///   - certificatePEM: the client certificate.
    ///   - privateKeyPEM: its private key.
    ///   - caCertificatePEM: the issuing CA.
    ///   - fingerprintSHA256: SHA-256 of the certificate's DER.
    public init(certificatePEM: String, privateKeyPEM: String, caCertificatePEM: String, fingerprintSHA256: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
        self.caCertificatePEM = caCertificatePEM
        self.fingerprintSHA256 = fingerprintSHA256
    }
}
