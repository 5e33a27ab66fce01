public import Foundation

/// What certd tells a user about one certificate.
///
/// Role: the description stored and returned for every certificate; computed by
/// ``Certificate/details``. Invariant: hex strings are lowercase without separators.
/// Isolation: a plain value.
public struct CertificateDetails: Sendable, Hashable {
    /// Subject as an RFC 4514 string (`CN=example.com,O=Example,C=US`).
    public var subject: String
    /// The subject's last common name, if any.
    public var commonName: String?
    /// Subject alternative names in certificate order (see `dnsNames`, `ipAddresses`, ... on the array).
    public var subjectAlternativeNames: [SubjectAlternativeName]
    /// Issuer as an RFC 4514 string.
    public var issuer: String
    /// Serial number, lowercase hex as `openssl x509 -serial` prints it (even number of digits).
    public var serialNumber: String
    /// SHA-256 of the certificate DER, lowercase hex.
    public var sha256Fingerprint: String
    /// SHA-1 of the certificate DER, lowercase hex.
    public var sha1Fingerprint: String
    /// SHA-256 of the SubjectPublicKeyInfo DER, lowercase hex (what key matching compares in messages).
    public var publicKeyFingerprint: String
    /// Public-key algorithm with size or curve.
    public var keyAlgorithm: KeyAlgorithm
    /// Signature algorithm, OpenSSL's long name (`sha256WithRSAEncryption`, `ecdsa-with-SHA256`, `SM2-with-SM3`).
    public var signatureAlgorithm: String
    public var notBefore: Date
    public var notAfter: Date
    /// basicConstraints CA flag.
    public var isCA: Bool
    /// basicConstraints pathLenConstraint, if present.
    public var pathLength: Int?
    /// Key usage bits; empty when the extension is absent.
    public var keyUsage: [KeyUsage]
    /// Extended key usage purposes; empty when the extension is absent.
    public var extendedKeyUsage: [ExtendedKeyUsage]
    /// Issuer equals subject and the certificate's own key verifies its signature.
    public var isSelfSigned: Bool
}
