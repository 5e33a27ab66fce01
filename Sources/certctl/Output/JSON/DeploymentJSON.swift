import CertAPI

/// The JSON forms of deployment targets, jobs and a certificate's deployments.
///
/// Role: stable field names for scripts; enum values by their schema names.
/// Isolation: plain values.
struct DeploymentTargetJSON: Encodable {
    var id: String
    var name: String
    var kind: String
    var resourceID: String
    var region: String
    var settings: [String: String]
    var verifyEndpoint: String?
    var serverName: String?
    var allowKey: Bool
    var createdAt: String

    init(_ target: DeploymentTarget) {
        self.id = target.id
        self.name = target.name
        self.kind = target.kind.name
        self.resourceID = target.resourceID
        self.region = target.region
        self.settings = target.settings
        self.verifyEndpoint = target.verifyEndpoint.map { "\($0.host):\($0.port)" }
        self.serverName = target.verifyEndpoint.flatMap { $0.serverName.isEmpty ? nil : $0.serverName }
        self.allowKey = target.allowKey
        self.createdAt = target.createdAt.iso8601
    }
}

/// The JSON of a verification result.
struct VerificationJSON: Encodable {
    var result: String
    var foundFingerprintSHA256: String
    var detail: String
    var checkedAt: String
    /// Checks made (0 from servers that did not count them).
    var attempts: UInt32

    init(_ verification: DeploymentVerification) {
        self.result = verification.result.name
        self.foundFingerprintSHA256 = verification.foundFingerprintSHA256
        self.detail = verification.detail
        self.checkedAt = verification.checkedAt.iso8601
        self.attempts = verification.attempts
    }
}

/// The JSON of a job.
struct DeploymentJobJSON: Encodable {
    struct Run: Encodable {
        var targetID: String
        var targetName: String
        var state: String
        var attempts: UInt32
        var lastError: String
        var nextAttemptAt: String?
        var finishedAt: String?
        var verification: VerificationJSON?
    }

    var id: String
    var certificateID: String
    var fingerprintSHA256: String
    var state: String
    var trigger: String
    var createdAt: String
    var updatedAt: String
    var runs: [Run]

    init(_ job: DeploymentJob) {
        self.id = job.id
        self.certificateID = job.certificateID
        self.fingerprintSHA256 = job.fingerprintSHA256
        self.state = job.state.name
        self.trigger = job.trigger
        self.createdAt = job.createdAt.iso8601
        self.updatedAt = job.updatedAt.iso8601
        self.runs = job.runs.map {
            Run(
                targetID: $0.targetID, targetName: $0.targetName, state: $0.state.name, attempts: $0.attempts,
                lastError: $0.lastError, nextAttemptAt: $0.nextAttemptAt?.iso8601,
                finishedAt: $0.finishedAt?.iso8601, verification: $0.verification.map(VerificationJSON.init))
        }
    }
}

/// The JSON of `cert deployments`.
struct CertificateDeploymentsJSON: Encodable {
    struct Item: Encodable {
        var targetID: String
        var targetName: String
        var fingerprintSHA256: String
        var deployedAt: String
        var jobID: String
        var outdated: Bool
        var verification: VerificationJSON?
    }

    var certificateID: String
    var fingerprintSHA256: String
    var deployments: [Item]
    var latestJob: DeploymentJobJSON?

    init(_ status: DeploymentStatusResponse) {
        self.certificateID = status.certificateID
        self.fingerprintSHA256 = status.fingerprintSHA256
        self.deployments = status.deployments.map {
            Item(
                targetID: $0.targetID, targetName: $0.targetName, fingerprintSHA256: $0.fingerprintSHA256,
                deployedAt: $0.deployedAt.iso8601, jobID: $0.jobID, outdated: $0.outdated,
                verification: $0.verification.map(VerificationJSON.init))
        }
        self.latestJob = status.latestJob.map(DeploymentJobJSON.init)
    }
}

extension DeploymentTargetKind {
    /// The schema name (`slb`, `file`, ...).
    var name: String {
        switch self {
        case .kindUnspecified: "unspecified"
        case .slb: "slb"
        case .cdn: "cdn"
        case .waf: "waf"
        case .ecs: "ecs"
        case .simpleAppServer: "simpleAppServer"
        case .file: "file"
        case .command: "command"
        case .webhook: "webhook"
        case .unrecognized(let value): "unknown(\(value))"
        }
    }

    /// The kinds users can name, by schema name.
    static let named: [String: DeploymentTargetKind] = [
        "slb": .slb, "cdn": .cdn, "waf": .waf, "ecs": .ecs, "simpleAppServer": .simpleAppServer, "file": .file,
        "command": .command, "webhook": .webhook,
    ]
}

extension DeploymentState {
    /// The schema name (`pending`, `running`, `succeeded`, `failed`).
    var name: String {
        switch self {
        case .stateUnspecified: "unspecified"
        case .pending: "pending"
        case .running: "running"
        case .succeeded: "succeeded"
        case .failed: "failed"
        case .unrecognized(let value): "unknown(\(value))"
        }
    }

    /// Whether the state is final.
    var isFinal: Bool { self == .succeeded || self == .failed }
}

extension VerificationResult {
    /// The schema name (`verified`, `servesOther`, `unreachable`).
    var name: String {
        switch self {
        case .verificationUnspecified: "notChecked"
        case .verified: "verified"
        case .servesOther: "servesOther"
        case .unreachable: "unreachable"
        case .unrecognized(let value): "unknown(\(value))"
        }
    }
}
