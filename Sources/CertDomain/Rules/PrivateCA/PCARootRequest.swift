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
