public import Foundation

/// How the runner retries: bounded attempts with exponential backoff.
///
/// Invariants: `maximumAttempts >= 1`; the delay before attempt `n + 1` is
/// `min(baseDelay * 2^(n-1), maximumDelay)` seconds.
/// Isolation: a value type.
public struct DeploymentPolicy: Sendable, Equatable {
    /// Executions per target before the run fails for good.
    public var maximumAttempts: Int
    /// Seconds before the first retry.
    public var baseDelay: TimeInterval
    /// Upper bound of a retry delay, seconds.
    public var maximumDelay: TimeInterval

    public init(maximumAttempts: Int = 5, baseDelay: TimeInterval = 2, maximumDelay: TimeInterval = 300) {
        precondition(maximumAttempts >= 1 && baseDelay >= 0 && maximumDelay >= 0, "invalid deployment policy")
        self.maximumAttempts = maximumAttempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// Seconds to wait after the `attempts`-th failed execution.
    func delay(afterAttempt attempts: Int) -> TimeInterval {
        let exponent = Double(max(0, min(attempts - 1, 30)))
        return min(self.baseDelay * pow(2, exponent), self.maximumDelay)
    }
}
