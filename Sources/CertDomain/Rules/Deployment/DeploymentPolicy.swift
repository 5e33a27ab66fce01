public import Foundation

/// How the runner retries: bounded attempts with exponential backoff.
///
/// Invariants: `maximumAttempts >= 1`; the delay before attempt `n + 1` is
/// `min(baseDelay * 2^(n-1), maximumDelay)` seconds; `verificationAttempts >= 1`, and the wait
/// before verification check `n + 1` is `min(verificationDelay * 2^(n-1), verificationMaximumDelay)`.
/// Isolation: a value type.
public struct DeploymentPolicy: Sendable, Equatable {
    /// Executions per target before the run fails for good.
    public var maximumAttempts: Int
    /// Seconds before the first retry.
    public var baseDelay: TimeInterval
    /// Upper bound of a retry delay, seconds.
    public var maximumDelay: TimeInterval
    /// TLS checks after a deployment while the endpoint is unreachable or serves another leaf: a
    /// reload command or webhook receiver may take a moment before the new certificate is served.
    public var verificationAttempts: Int
    /// Seconds before the second check; doubles per check up to ``verificationMaximumDelay``.
    public var verificationDelay: TimeInterval
    /// Upper bound of the wait between two checks, seconds. The defaults (5 checks, 1 + 2 + 3 + 3 s)
    /// wait at most 9 s in total, plus the probe's own timeouts.
    public var verificationMaximumDelay: TimeInterval

    public init(
        maximumAttempts: Int = 5, baseDelay: TimeInterval = 2, maximumDelay: TimeInterval = 300,
        verificationAttempts: Int = 5, verificationDelay: TimeInterval = 1, verificationMaximumDelay: TimeInterval = 3
    ) {
        precondition(maximumAttempts >= 1 && baseDelay >= 0 && maximumDelay >= 0, "invalid deployment policy")
        precondition(
            verificationAttempts >= 1 && verificationDelay >= 0 && verificationMaximumDelay >= 0,
            "invalid verification policy")
        self.maximumAttempts = maximumAttempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.verificationAttempts = verificationAttempts
        self.verificationDelay = verificationDelay
        self.verificationMaximumDelay = verificationMaximumDelay
    }

    /// Seconds to wait after the `attempts`-th failed execution.
    func delay(afterAttempt attempts: Int) -> TimeInterval {
        let exponent = Double(max(0, min(attempts - 1, 30)))
        return min(self.baseDelay * pow(2, exponent), self.maximumDelay)
    }

    /// Seconds to wait after the `checks`-th verification check that did not find the new leaf.
    func verificationDelay(afterCheck checks: Int) -> TimeInterval {
        let exponent = Double(max(0, min(checks - 1, 30)))
        return min(self.verificationDelay * pow(2, exponent), self.verificationMaximumDelay)
    }
}
