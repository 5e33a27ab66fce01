public import Foundation

/// One target of a deployment job: its state, attempts and outcome.
///
/// Invariants: `attempts` counts started executions (at most the policy's maximum);
/// `nextAttemptAt` is set while `pending`; `lastError` is the text of the latest failure (never key
/// material); `finishedAt` is set once the state is final.
/// Isolation: a value type inside ``DeploymentJob``.
public struct DeploymentTargetRun: Sendable, Equatable, Codable {
    public var targetID: DeploymentTargetID
    /// The target's name when the job was created (for display after the target is deleted).
    public var targetName: String
    public var state: DeploymentState
    public var attempts: Int
    public var lastError: String
    public var nextAttemptAt: Date?
    public var startedAt: Date?
    public var finishedAt: Date?
    public var verification: DeploymentVerification?

    public init(
        targetID: DeploymentTargetID, targetName: String, state: DeploymentState = .pending, attempts: Int = 0,
        lastError: String = "", nextAttemptAt: Date? = nil, startedAt: Date? = nil, finishedAt: Date? = nil,
        verification: DeploymentVerification? = nil
    ) {
        self.targetID = targetID
        self.targetName = targetName
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.nextAttemptAt = nextAttemptAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.verification = verification
    }
}
