public import CertCrypto

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
