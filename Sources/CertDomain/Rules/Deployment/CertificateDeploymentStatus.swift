public import Foundation

/// Where one certificate is deployed, as its owner sees it.
///
/// Invariant: `deployments` holds one item per target with a ``DeployedCertificate`` record, in
/// target-id order; `isOutdated` is true when the deployed fingerprint differs from the entry's.
/// Isolation: a value type.
public struct CertificateDeploymentStatus: Sendable, Equatable {
    /// One target holding the certificate.
    public struct Item: Sendable, Equatable {
        public var targetID: DeploymentTargetID
        /// The target's name; empty when the target no longer exists.
        public var targetName: String
        public var fingerprintSHA256: String
        public var deployedAt: Date
        public var jobID: DeploymentJobID
        public var verification: DeploymentVerification?
        public var isOutdated: Bool
    }

    public var certificateID: String
    /// The entry's current leaf fingerprint.
    public var fingerprintSHA256: String
    public var deployments: [Item]
    /// The newest job of the certificate, if any.
    public var latestJob: DeploymentJob?
}
