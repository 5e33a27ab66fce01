public import CertCrypto

/// What to put into a CSR the service generates (with a key it generates and keeps sealed).
public struct CSRRequest: Sendable {
    public var subject: DistinguishedName
    public var subjectAlternativeNames: [SubjectAlternativeName]
    /// RSA 2048/3072/4096, EC P-256/P-384 or SM2.
    public var algorithm: KeyAlgorithm

    public init(
        subject: DistinguishedName, subjectAlternativeNames: [SubjectAlternativeName] = [], algorithm: KeyAlgorithm
    ) {
        self.subject = subject
        self.subjectAlternativeNames = subjectAlternativeNames
        self.algorithm = algorithm
    }
}
