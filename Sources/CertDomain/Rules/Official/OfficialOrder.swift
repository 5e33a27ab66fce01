public import CertCrypto

/// What an account orders from the official issuer (issue 6).
///
/// Role: the input of ``OfficialCertificates/order(_:_:)``; validated there.
/// Isolation: a plain value.
public struct OfficialOrder: Sendable {
    /// DNS names (wildcards `*.example.com` allowed); the first is the subject's common name.
    public var domains: [String]
    /// RSA 2048/3072/4096, EC P-256/P-384, or SM2 (an SM2 order yields a signing and an
    /// encryption certificate).
    public var algorithm: KeyAlgorithm
    /// 1...3650.
    public var validityDays: Int
    /// The entry's name; nil names it after the first domain.
    public var name: String?

    public init(domains: [String], algorithm: KeyAlgorithm = .p256, validityDays: Int = 365, name: String? = nil) {
        self.domains = domains
        self.algorithm = algorithm
        self.validityDays = validityDays
        self.name = name
    }
}
