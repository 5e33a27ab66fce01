public import Foundation

/// Deploying one certificate to one or more targets.
///
/// Role: stored as a document (collection `deploy.job`, key `"<owner>/<id>"`) and listed in
/// `deploy.active` while not final, so a restarted certd finds and resumes it.
/// Invariants: `state` is derived from the runs (see ``derivedState``): `pending` while no run has
/// started, `running` while some run is not final, `succeeded` when all succeeded, `failed` when
/// all are final and one failed. `fingerprintSHA256` is the entry's leaf when the job was created;
/// a job deploys what the entry holds when it runs.
/// Isolation: a value type.
public struct DeploymentJob: Sendable, Equatable, Codable {
    public var id: DeploymentJobID
    /// The owning account's raw id.
    public var ownerAccountID: String
    /// The certificate entry's raw id.
    public var certificateID: String
    public var fingerprintSHA256: String
    public var state: DeploymentState
    public var runs: [DeploymentTargetRun]
    /// Why the job exists: `deploy` (asked for) or `replace` (redeploy after a replacement).
    public var trigger: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: DeploymentJobID, ownerAccountID: String, certificateID: String, fingerprintSHA256: String,
        runs: [DeploymentTargetRun], trigger: String, createdAt: Date
    ) {
        self.id = id
        self.ownerAccountID = ownerAccountID
        self.certificateID = certificateID
        self.fingerprintSHA256 = fingerprintSHA256
        self.state = .pending
        self.runs = runs
        self.trigger = trigger
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }

    /// The job state the runs imply.
    public var derivedState: DeploymentState {
        if self.runs.allSatisfy({ $0.state == .succeeded }) { return .succeeded }
        if self.runs.allSatisfy(\.state.isFinal) { return .failed }
        if self.runs.allSatisfy({ $0.state == .pending && $0.attempts == 0 }) { return .pending }
        return .running
    }
}
