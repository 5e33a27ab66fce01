import Foundation

extension DeploymentBoard {
    /// Creates a job deploying one of the caller's certificates to some of its targets; the runner
    /// picks it up at once.
    ///
    /// Checks: the certificate is the caller's; 1...50 distinct targets, all the caller's; a target
    /// that receives keys needs a certificate with a key (for a shared certificate: an original
    /// that still exists with a key).
    /// - Returns: the pending job.
    /// - Throws: ``DomainError/certificateNotFound(id:)``, ``DeploymentError/targetNotFound(id:)``,
    ///   ``DeploymentError/certificateHasNoKey(certificateID:targetID:)``,
    ///   ``DeploymentError/sharedOriginUnavailable(certificateID:)``,
    ///   ``DomainError/invalidArgument(field:detail:)``.
    public func deploy(_ caller: Caller, certificateID: CertificateID, targetIDs: [DeploymentTargetID])
        async throws(DomainError) -> DeploymentJob
    {
        let time = self.now()
        let job = try await self.domainStore.audited(caller, .deploymentRequested, target: certificateID.rawValue) {
            () async throws(DomainError) -> DeploymentJob in
            var seen = Set<DeploymentTargetID>()
            let unique = targetIDs.filter { seen.insert($0).inserted }
            guard (1...50).contains(unique.count) else {
                throw .invalidArgument(field: "targetIDs", detail: "name 1-50 targets")
            }
            return try await self.domainStore.write { writer in
                guard let entry = try writer.certificate(id: certificateID), entry.ownerAccountID == caller.accountID
                else { throw DomainError.certificateNotFound(id: certificateID) }
                var targets: [DeploymentTarget] = []
                for id in unique {
                    guard id.isWellFormed,
                        let target = try writer.decodedDocument(
                            DeploymentTarget.self, in: .deploymentTargets,
                            key: Self.targetKey(owner: caller.accountID.rawValue, id: id))
                    else { throw DomainError.deployment(.targetNotFound(id: id.rawValue)) }
                    targets.append(target)
                }
                if let keyed = targets.first(where: \.allowKey) {
                    try Self.requireKey(for: entry, targetID: keyed.id, reader: writer)
                }
                return try Self.insertJob(
                    writer, caller: caller, entry: entry, targets: targets, trigger: "deploy", time: time)
            }
        }
        self.wakeRunner()
        return job
    }

    /// Refuses when `entry` cannot supply a key (its own, or its original's when shared).
    static func requireKey(for entry: CertificateEntry, targetID: DeploymentTargetID, reader: any InventoryReader)
        throws
    {
        if entry.source == .shared {
            guard let origin = entry.sharedFrom, let original = try reader.certificate(id: origin.certificateID),
                original.ownerAccountID == origin.ownerAccountID,
                original.details.fingerprintSHA256 == entry.details.fingerprintSHA256,
                original.sealedKey(.signing) != nil
            else { throw DomainError.deployment(.sharedOriginUnavailable(certificateID: entry.id.rawValue)) }
        } else if entry.sealedKey(.signing) == nil {
            throw DomainError.deployment(
                .certificateHasNoKey(certificateID: entry.id.rawValue, targetID: targetID.rawValue))
        }
    }

    /// Writes a new pending job, its active-index entry and its audit event (inside a write body).
    static func insertJob(
        _ writer: any InventoryWriter, caller: Caller, entry: CertificateEntry, targets: [DeploymentTarget],
        trigger: String, time: Date
    ) throws -> DeploymentJob {
        let job = DeploymentJob(
            id: .generate(at: time), ownerAccountID: caller.accountID.rawValue, certificateID: entry.id.rawValue,
            fingerprintSHA256: entry.details.fingerprintSHA256,
            runs: targets.map { DeploymentTargetRun(targetID: $0.id, targetName: $0.name, nextAttemptAt: time) },
            trigger: trigger, createdAt: time)
        try writer.putEncodedDocument(job, in: .deploymentJobs, key: Self.jobKey(owner: job.ownerAccountID, id: job.id))
        try writer.putEncodedDocument(
            ActiveJobReference(ownerAccountID: job.ownerAccountID), in: .activeDeploymentJobs, key: job.id.rawValue)
        try AuditTrail.append(
            to: writer, time: time, caller: caller, action: .deploymentRequested, target: entry.id.rawValue,
            details: [
                "job": job.id.rawValue, "targets": targets.map(\.id.rawValue).joined(separator: ","),
                "fingerprint": job.fingerprintSHA256, "trigger": trigger,
            ])
        return job
    }
}
