public import CertCrypto
public import Foundation

/// Test certificates issued at test time with CertCrypto itself: an EC root and intermediate, and an
/// SM2 root for dual certificates. (``TestPKI`` is the openssl-CLI PKI the TLS tests use.)
///
/// Role: shared by the domain and server tests, which upload leaves of this hierarchy.
/// Invariant: every certificate is valid from a day before `now` for ten years (leaves as asked).
/// Isolation: a value; build one per test.
public struct IssuedTestPKI: Sendable {
    /// A leaf certificate with its key.
    public struct Leaf: Sendable {
        public let certificate: Certificate
        public let key: PrivateKey
        public var certificatePEM: [UInt8] { Array(self.certificate.pem.utf8) }
        public var keyPEM: [UInt8] { Array(try! self.key.pkcs8PEM().utf8) }
    }

    public let now: Date
    public let root: CertificateAuthority
    public let intermediate: CertificateAuthority
    public let sm2Root: CertificateAuthority

    /// - Parameters:
    ///   - now: the time validity is counted from (the tests' manual clock).
    ///   - name: a prefix for the CAs' common names.
    public init(now: Date, name: String = "Test") throws {
        try OpenSSLProviders.loadOnce()
        self.now = now
        let validity = Validity(
            notBefore: now.addingTimeInterval(-86_400), notAfter: now.addingTimeInterval(3_650 * 86_400))
        self.root = try CertificateAuthority.makeRoot(
            subject: DistinguishedName(commonName: "\(name) Root"), key: try PrivateKey.generate(.p256),
            validity: validity)
        self.intermediate = try self.root.issueIntermediate(
            subject: DistinguishedName(commonName: "\(name) Intermediate"), key: try PrivateKey.generate(.p256),
            validity: validity)
        self.sm2Root = try CertificateAuthority.makeRoot(
            subject: DistinguishedName(commonName: "\(name) SM2 Root"), key: try PrivateKey.generate(.sm2),
            validity: validity)
    }

    /// Intermediate then root, PEM.
    public var chainPEM: [UInt8] { Array((self.intermediate.certificate.pem + self.root.certificate.pem).utf8) }

    /// A leaf under the intermediate.
    /// - Parameters:
    ///   - commonName: the subject CN, also the first DNS SAN.
    ///   - days: validity from now.
    ///   - key: the key to certify; a new one of `algorithm` when nil.
    ///   - algorithm: the algorithm of a generated key.
    ///   - extraNames: DNS SANs after the common name.
    public func leaf(
        commonName: String, days: Int = 365, key: PrivateKey? = nil, algorithm: KeyAlgorithm = .p256,
        extraNames: [String] = []
    ) throws -> Leaf {
        let key = try key ?? PrivateKey.generate(algorithm)
        let certificate = try self.intermediate.issueLeaf(
            subject: DistinguishedName(commonName: commonName), publicKey: key.publicKey,
            subjectAlternativeNames: ([commonName] + extraNames).map { .dns($0) },
            validity: Validity(
                notBefore: self.now.addingTimeInterval(-3_600),
                notAfter: self.now.addingTimeInterval(Double(days) * 86_400)))
        return Leaf(certificate: certificate, key: key)
    }

    /// An SM2 leaf under the SM2 root, valid a year, with the given key usage.
    public func sm2Leaf(commonName: String, usage: [KeyUsage]) throws -> Leaf {
        let key = try PrivateKey.generate(.sm2)
        let certificate = try self.sm2Root.issueLeaf(
            subject: DistinguishedName(commonName: commonName), publicKey: key.publicKey,
            subjectAlternativeNames: [.dns(commonName)],
            validity: Validity(
                notBefore: self.now.addingTimeInterval(-3_600), notAfter: self.now.addingTimeInterval(365 * 86_400)),
            keyUsage: usage)
        return Leaf(certificate: certificate, key: key)
    }
}
