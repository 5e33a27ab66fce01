public import CertCrypto
public import Foundation

/// Deployment targets and jobs of every account, and the rules that run the jobs.
///
/// Role: the domain's entry point for issue 7's deployment: targets (create, list, delete), jobs
/// (create, read), per-certificate status, replacing an uploaded certificate, and the runner steps
/// (``resumeInterrupted()``, ``runDueWork()``) that a long-running service calls. The I/O is behind
/// ``DeploymentExecutor`` and ``EndpointProbe``.
/// Invariants: every record is a document (see `DocumentCollection+Deployment.swift`), written in
/// one transaction together with its indexes and audit event; a job that is not final is listed in
/// `deploy.active`, so a restarted certd resumes it; a run is `running` only while this process
/// executes it (``resumeInterrupted()`` turns leftovers back to `pending`); the private key is
/// opened only to build the material of a target whose `allowKey` is true, and a shared entry's key
/// comes from its original, never reaching the recipient.
/// Isolation: an actor; every check-and-write is one synchronous store transaction in one actor
/// turn. Executors run outside the actor's turn (awaited), so API calls are served meanwhile.
public actor DeploymentBoard {
    let domainStore: DomainStore
    let sealer: Sealer
    let executor: any DeploymentExecutor
    let probe: any EndpointProbe
    /// Retry bounds and backoff.
    public nonisolated let policy: DeploymentPolicy
    /// Signalled whenever a job was created: the runner's cue to look for work.
    public nonisolated let wakeup = DeploymentWakeup()

    /// - Parameters:
    ///   - store: the inventory store.
    ///   - clock: the wall clock (job times, retry schedule).
    ///   - sealer: opens private keys for deployment and seals replaced ones.
    ///   - executor: performs deployments.
    ///   - probe: reads what a TLS endpoint serves.
    ///   - policy: retry bounds.
    public init(
        store: any InventoryStore, clock: any WallClock, sealer: Sealer, executor: any DeploymentExecutor,
        probe: any EndpointProbe, policy: DeploymentPolicy = DeploymentPolicy()
    ) {
        self.domainStore = DomainStore(store: store, clock: clock)
        self.sealer = sealer
        self.executor = executor
        self.probe = probe
        self.policy = policy
    }

    /// The current time of the injected clock.
    public nonisolated func now() -> Date { self.domainStore.clock.now() }

    /// Tells the runner there is new work.
    nonisolated func wakeRunner() { self.wakeup.signal() }

    // MARK: Keys

    static func targetKey(owner: String, id: DeploymentTargetID) -> String { "\(owner)/\(id.rawValue)" }
    static func jobKey(owner: String, id: DeploymentJobID) -> String { "\(owner)/\(id.rawValue)" }
    static func deployedKey(certificateID: String, targetID: DeploymentTargetID) -> String {
        "\(certificateID)/\(targetID.rawValue)"
    }
    static func byTargetKey(targetID: DeploymentTargetID, certificateID: String) -> String {
        "\(targetID.rawValue)/\(certificateID)"
    }

    // MARK: Reads

    /// One of the caller's targets.
    /// - Throws: ``DeploymentError/targetNotFound(id:)`` when missing or not the caller's.
    public nonisolated func target(_ caller: Caller, id: DeploymentTargetID) throws(DomainError) -> DeploymentTarget {
        guard id.isWellFormed,
            let target = try self.domainStore.read({
                try $0.decodedDocument(
                    DeploymentTarget.self, in: .deploymentTargets,
                    key: Self.targetKey(owner: caller.accountID.rawValue, id: id))
            })
        else { throw .deployment(.targetNotFound(id: id.rawValue)) }
        return target
    }

    /// The caller's targets in id order.
    public nonisolated func targets(_ caller: Caller) throws(DomainError) -> [DeploymentTarget] {
        try self.domainStore.read {
            try $0.decodedDocuments(
                DeploymentTarget.self, in: .deploymentTargets, prefix: caller.accountID.rawValue + "/")
        }
    }

    /// One of the caller's jobs.
    /// - Throws: ``DeploymentError/jobNotFound(id:)`` when missing or not the caller's.
    public nonisolated func job(_ caller: Caller, id: DeploymentJobID) throws(DomainError) -> DeploymentJob {
        guard id.isWellFormed,
            let job = try self.domainStore.read({
                try $0.decodedDocument(
                    DeploymentJob.self, in: .deploymentJobs, key: Self.jobKey(owner: caller.accountID.rawValue, id: id))
            })
        else { throw .deployment(.jobNotFound(id: id.rawValue)) }
        return job
    }

    /// The caller's jobs, newest first.
    /// - Parameters:
    ///   - certificateID: only this certificate's jobs, when given.
    ///   - limit: clamped to 1...1000.
    public nonisolated func jobs(_ caller: Caller, certificateID: CertificateID? = nil, limit: Int = 100)
        throws(DomainError) -> [DeploymentJob]
    {
        let all = try self.domainStore.read {
            try $0.decodedDocuments(DeploymentJob.self, in: .deploymentJobs, prefix: caller.accountID.rawValue + "/")
        }
        let matching = all.reversed().filter { certificateID == nil || $0.certificateID == certificateID?.rawValue }
        return Array(matching.prefix(min(max(limit, 1), 1000)))
    }

    /// Where one of the caller's certificates is deployed, whether each is current and verified.
    /// - Throws: ``DomainError/certificateNotFound(id:)``.
    public nonisolated func deploymentStatus(_ caller: Caller, certificateID: CertificateID) throws(DomainError)
        -> CertificateDeploymentStatus
    {
        let owner = caller.accountID.rawValue
        return try self.domainStore.read { reader throws -> CertificateDeploymentStatus in
            guard let entry = try reader.certificate(id: certificateID), entry.ownerAccountID == caller.accountID else {
                throw DomainError.certificateNotFound(id: certificateID)
            }
            let records = try reader.decodedDocuments(
                DeployedCertificate.self, in: .deployedCertificates,
                prefix: DocumentCollection.deployedCertificatesPrefix(certificateID))
            let items = try records.map { record in
                let target = try reader.decodedDocument(
                    DeploymentTarget.self, in: .deploymentTargets,
                    key: Self.targetKey(owner: owner, id: record.targetID))
                return CertificateDeploymentStatus.Item(
                    targetID: record.targetID, targetName: target?.name ?? "",
                    fingerprintSHA256: record.fingerprintSHA256, deployedAt: record.deployedAt, jobID: record.jobID,
                    verification: record.verification,
                    isOutdated: record.fingerprintSHA256 != entry.details.fingerprintSHA256)
            }
            let jobs = try reader.decodedDocuments(DeploymentJob.self, in: .deploymentJobs, prefix: owner + "/")
            return CertificateDeploymentStatus(
                certificateID: certificateID.rawValue, fingerprintSHA256: entry.details.fingerprintSHA256,
                deployments: items, latestJob: jobs.last { $0.certificateID == certificateID.rawValue })
        }
    }
}
