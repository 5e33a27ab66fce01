public import Foundation

/// The details of a leaf certificate the inventory lists, filters and sorts by, denormalised at upload.
///
/// Role: lets the store index and the listing work without parsing DER. Filled from CertCrypto's
/// certificate details by the domain.
/// Invariants: `fingerprintSHA256` and `serialNumberHex` are lowercase hex without separators;
/// `notBefore`/`notAfter` are whole seconds (X.509 times have no fractions); `sans` keep certificate
/// order (DNS names, IP addresses and emails as text).
/// Isolation: a value type.
public struct CertificateFacts: Sendable, Equatable {
    /// RFC 4514-style subject (`CN=example.com,O=Example`).
    public var subject: String
    public var issuer: String
    /// The subject's CN, or nil when the subject has none.
    public var commonName: String?
    public var sans: [String]
    public var serialNumberHex: String
    public var fingerprintSHA256: String
    public var keyAlgorithm: KeyFamily
    /// Bits for RSA keys; nil otherwise.
    public var keySizeBits: Int?
    /// Curve name for EC/SM2 keys (`P-256`, `SM2`); nil otherwise.
    public var curve: String?
    public var signatureAlgorithm: String
    public var notBefore: Date
    public var notAfter: Date
    /// Number of certificates in the stored chain (leaf excluded).
    public var chainLength: Int
    /// Whether the stored chain ends in a self-signed root.
    public var isChainComplete: Bool

    public init(
        subject: String,
        issuer: String,
        commonName: String?,
        sans: [String],
        serialNumberHex: String,
        fingerprintSHA256: String,
        keyAlgorithm: KeyFamily,
        keySizeBits: Int?,
        curve: String?,
        signatureAlgorithm: String,
        notBefore: Date,
        notAfter: Date,
        chainLength: Int,
        isChainComplete: Bool
    ) {
        self.subject = subject
        self.issuer = issuer
        self.commonName = commonName
        self.sans = sans
        self.serialNumberHex = serialNumberHex
        self.fingerprintSHA256 = fingerprintSHA256
        self.keyAlgorithm = keyAlgorithm
        self.keySizeBits = keySizeBits
        self.curve = curve
        self.signatureAlgorithm = signatureAlgorithm
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.chainLength = chainLength
        self.isChainComplete = isChainComplete
    }
}
