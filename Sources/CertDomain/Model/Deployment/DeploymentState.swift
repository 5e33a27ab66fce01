/// Where a deployment job, or one target of it, stands.
///
/// Transitions: `pending` -> `running` (the runner picked it up); `running` -> `succeeded`,
/// `failed`, or back to `pending` (a retry is scheduled, or certd restarted mid-run);
/// `succeeded` and `failed` are final. Stored by `rawValue`.
public enum DeploymentState: String, Sendable, Hashable, Codable, CaseIterable {
    case pending
    case running
    case succeeded
    case failed

    /// Whether the state is final.
    public var isFinal: Bool { self == .succeeded || self == .failed }
}
