public import Foundation

/// The record that a certificate was deployed to a target: the document at
/// ``DocumentCollection/deployedCertificates`` key `"<certificateID>/<targetID>"`.
///
/// Role: written when a deployment succeeds, removed when the target is deleted, left alone when
/// the certificate is deleted (what was deployed stays deployed). Monitoring reads
/// `fingerprintSHA256` and `deployedAt`; "outdated" is derived by comparing with the entry.
/// Isolation: a value type.
public struct DeployedCertificate: Sendable, Equatable, Codable {
    public var certificateID: String
    public var targetID: DeploymentTargetID
    public var fingerprintSHA256: String
    public var deployedAt: Date
    public var jobID: DeploymentJobID
    public var verification: DeploymentVerification?

    public init(
        certificateID: String, targetID: DeploymentTargetID, fingerprintSHA256: String, deployedAt: Date,
        jobID: DeploymentJobID, verification: DeploymentVerification?
    ) {
        self.certificateID = certificateID
        self.targetID = targetID
        self.fingerprintSHA256 = fingerprintSHA256
        self.deployedAt = deployedAt
        self.jobID = jobID
        self.verification = verification
    }
}
