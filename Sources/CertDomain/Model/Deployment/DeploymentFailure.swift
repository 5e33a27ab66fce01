/// Why an executor could not deploy.
///
/// Role: thrown by ``DeploymentExecutor/deploy(_:to:)``; the runner stores `message` as the run's
/// error text. Messages never contain key material.
public enum DeploymentFailure: Error, Sendable, Equatable {
    /// The target or configuration is wrong; retrying cannot help (the run fails at once).
    case rejected(String)
    /// The attempt failed (network, exit status, timeout); the runner retries with backoff.
    case failed(String)

    /// The text recorded on the run.
    public var message: String {
        switch self {
        case .rejected(let message), .failed(let message): message
        }
    }
}
