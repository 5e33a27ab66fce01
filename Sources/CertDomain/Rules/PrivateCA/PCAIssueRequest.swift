public import CertCrypto

/// What a caller asks for when issuing a certificate from an intermediate CA.
///
/// Role: input of ``PrivateCertificateAuthorities/issue(_:_:)``. With `csr` the requester keeps its
/// key and `algorithm` is ignored; without it the service generates and seals the key.
/// Isolation: a plain value.
public struct PCAIssueRequest: Sendable, Equatable {
    public var caID: PrivateCAID
    /// Required without a CSR; with a CSR, empty keeps the CSR's subject.
    public var commonName: String
    /// Empty: none (or, with a CSR, the CSR's requested names).
    public var subjectAlternativeNames: [SubjectAlternativeName]
    /// Extended key usages; neither set means serverAuth.
    public var serverAuth: Bool
    public var clientAuth: Bool
    public var validityDays: Int
    /// The generated key's algorithm; nil for the CA's own.
    public var algorithm: PCAKeyAlgorithm?
    /// A PKCS#10 request (PEM or DER) whose key the certificate certifies.
    public var csr: [UInt8]?
    /// Required for more than 365 days; recorded in the audit log.
    public var acceptRisk: Bool

    public init(
        caID: PrivateCAID, commonName: String, subjectAlternativeNames: [SubjectAlternativeName] = [],
        serverAuth: Bool = true, clientAuth: Bool = false, validityDays: Int, algorithm: PCAKeyAlgorithm? = nil,
        csr: [UInt8]? = nil, acceptRisk: Bool = false
    ) {
        self.caID = caID
        self.commonName = commonName
        self.subjectAlternativeNames = subjectAlternativeNames
        self.serverAuth = serverAuth
        self.clientAuth = clientAuth
        self.validityDays = validityDays
        self.algorithm = algorithm
        self.csr = csr
        self.acceptRisk = acceptRisk
    }
}
