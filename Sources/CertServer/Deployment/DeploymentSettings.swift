public import CertDomain

/// The operator's deployment settings: where file targets may write, which programs command
/// targets may run, timeouts, retries, and how product kinds are executed.
///
/// Role: part of ``ServerConfiguration``; turned into executors by ``DeploymentExecutors``.
/// Invariants: without `fileRoot`, file targets (and `file:` routes) are refused at run time with
/// a message naming the setting; likewise `commandDirectory` for commands; timeouts are >= 1 s.
/// Isolation: a value type.
public struct DeploymentSettings: Sendable, Equatable {
    /// The directory file targets write under (`deploy-file-root`).
    public var fileRoot: String?
    /// The directory of programs command targets and reload commands may run (`deploy-command-dir`).
    public var commandDirectory: String?
    /// Seconds a command or reload command may run (`deploy-command-timeout`).
    public var commandTimeoutSeconds: Int
    /// Seconds a webhook POST may take (`deploy-webhook-timeout`).
    public var webhookTimeoutSeconds: Int
    /// Seconds the verification handshake may take (`deploy-verify-timeout`).
    public var verifyTimeoutSeconds: Int
    /// Executions per target before a run fails (`deploy-max-attempts`).
    public var maximumAttempts: Int
    /// Seconds before the first retry; doubles per attempt up to 300 s (`deploy-retry-base`).
    public var retryBaseSeconds: Int
    /// How each product kind is executed (`deploy-product-<kind>`).
    public var productRoutes: [DeploymentTargetKind: ProductRoute]

    public init(
        fileRoot: String? = nil, commandDirectory: String? = nil, commandTimeoutSeconds: Int = 60,
        webhookTimeoutSeconds: Int = 10, verifyTimeoutSeconds: Int = 5, maximumAttempts: Int = 5,
        retryBaseSeconds: Int = 2, productRoutes: [DeploymentTargetKind: ProductRoute] = [:]
    ) {
        self.fileRoot = fileRoot
        self.commandDirectory = commandDirectory
        self.commandTimeoutSeconds = commandTimeoutSeconds
        self.webhookTimeoutSeconds = webhookTimeoutSeconds
        self.verifyTimeoutSeconds = verifyTimeoutSeconds
        self.maximumAttempts = maximumAttempts
        self.retryBaseSeconds = retryBaseSeconds
        self.productRoutes = productRoutes
    }

    /// The runner's retry policy.
    public var policy: DeploymentPolicy {
        DeploymentPolicy(
            maximumAttempts: self.maximumAttempts, baseDelay: Double(self.retryBaseSeconds), maximumDelay: 300)
    }
}
