public import CertCrypto

/// What a caller asks for when creating a root CA.
///
/// Role: input of ``PrivateCertificateAuthorities/createRoot(_:_:)``. Invariants are checked there
/// (region known, 1...7300 days, path length 0...8 or nil). Isolation: a plain value.
public struct PCARootRequest: Sendable, Equatable {
    public var region: String
    public var subject: DistinguishedName
    public var algorithm: PCAKeyAlgorithm
    public var validityDays: Int
    /// basicConstraints path length; nil for unlimited.
    public var pathLength: Int?

    public init(
        region: String, subject: DistinguishedName, algorithm: PCAKeyAlgorithm, validityDays: Int,
        pathLength: Int? = nil
    ) {
        self.region = region
        self.subject = subject
        self.algorithm = algorithm
        self.validityDays = validityDays
        self.pathLength = pathLength
    }
}

/// What a caller asks for when creating an intermediate CA under one of its roots.
///
/// Role: input of ``PrivateCertificateAuthorities/createIntermediate(_:_:)``. Isolation: a plain value.
public struct PCAIntermediateRequest: Sendable, Equatable {
    public var parentID: PrivateCAID
    public var subject: DistinguishedName
    public var algorithm: PCAKeyAlgorithm
    public var validityDays: Int
    /// basicConstraints path length; 0 (the default) lets it issue only leaves.
    public var pathLength: Int?

    public init(
        parentID: PrivateCAID, subject: DistinguishedName, algorithm: PCAKeyAlgorithm, validityDays: Int,
        pathLength: Int? = 0
    ) {
        self.parentID = parentID
        self.subject = subject
        self.algorithm = algorithm
        self.validityDays = validityDays
        self.pathLength = pathLength
    }
}

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

/// The outcome of syncing one private-CA certificate into the inventory.
///
/// Role: one element of ``PrivateCertificateAuthorities/sync(_:caID:ids:)``'s answer; a failure of one
/// id never stops the others. Isolation: a plain value.
public struct PCASyncOutcome: Sendable, Equatable {
    /// What happened to the id.
    public enum Result: Sendable, Equatable {
        /// A new inventory entry was created.
        case synced(CertificateID)
        /// An earlier sync's entry still exists; nothing was written.
        case alreadySynced(CertificateID)
        /// Refused (unknown id, revoked, name taken, key unavailable, ...).
        case failed(DomainError)
    }

    public var id: PCACertificateID
    public var result: Result

    public init(id: PCACertificateID, result: Result) {
        self.id = id
        self.result = result
    }
}
