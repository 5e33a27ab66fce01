import CertCrypto
public import Foundation

extension DeploymentBoard {
    /// One run the runner has marked `running` and is about to execute.
    struct Claim: Sendable {
        var job: DeploymentJob
        var runIndex: Int
        var run: DeploymentTargetRun { self.job.runs[self.runIndex] }
    }

    /// Turns runs a previous certd process left `running` back to `pending`, due now, so they are
    /// executed again (the attempt that was cut off counts). Call once before ``runDueWork()``.
    /// - Returns: how many runs were resumed.
    /// - Throws: storage errors.
    @discardableResult
    public func resumeInterrupted() async throws(DomainError) -> Int {
        let time = self.now()
        return try await self.domainStore.write { writer in
            var resumed = 0
            for reference in try writer.documents(.activeDeploymentJobs, prefix: "", after: nil, limit: .max) {
                let owner = try Self.activeOwner(reference)
                let key = Self.jobKey(owner: owner, id: DeploymentJobID(rawValue: reference.key))
                guard var job = try writer.decodedDocument(DeploymentJob.self, in: .deploymentJobs, key: key) else {
                    try writer.deleteDocument(.activeDeploymentJobs, key: reference.key)
                    continue
                }
                var changed = false
                for index in job.runs.indices where job.runs[index].state == .running {
                    job.runs[index].state = .pending
                    job.runs[index].nextAttemptAt = time
                    job.runs[index].lastError = "interrupted by a certd restart; resumed"
                    changed = true
                    resumed += 1
                }
                if changed {
                    job.updatedAt = time
                    try writer.putEncodedDocument(job, in: .deploymentJobs, key: key)
                }
            }
            return resumed
        }
    }

    /// Executes, one after another, every run that is due at the clock's now, until none is due.
    /// - Returns: when the next pending run is due, or nil when no job waits.
    /// - Throws: storage errors (the runner logs them and tries again later).
    public func runDueWork() async throws(DomainError) -> Date? {
        while !Task.isCancelled, let claim = try await self.claimDueRun() {
            await self.perform(claim)
        }
        return try self.nextDueTime()
    }

    /// When the next pending run is due (nil: none).
    nonisolated func nextDueTime() throws(DomainError) -> Date? {
        try self.domainStore.read { reader in
            var next: Date?
            for reference in try reader.documents(.activeDeploymentJobs, prefix: "", after: nil, limit: .max) {
                let key = Self.jobKey(
                    owner: try Self.activeOwner(reference), id: DeploymentJobID(rawValue: reference.key))
                guard let job = try reader.decodedDocument(DeploymentJob.self, in: .deploymentJobs, key: key) else {
                    continue
                }
                for run in job.runs where run.state == .pending {
                    let due = run.nextAttemptAt ?? job.createdAt
                    if next.map({ due < $0 }) ?? true { next = due }
                }
            }
            return next
        }
    }

    /// Marks the first due pending run `running` (one transaction) and returns it.
    func claimDueRun() async throws(DomainError) -> Claim? {
        let time = self.now()
        return try await self.domainStore.write { writer in
            for reference in try writer.documents(.activeDeploymentJobs, prefix: "", after: nil, limit: .max) {
                let key = Self.jobKey(
                    owner: try Self.activeOwner(reference), id: DeploymentJobID(rawValue: reference.key))
                guard var job = try writer.decodedDocument(DeploymentJob.self, in: .deploymentJobs, key: key) else {
                    continue
                }
                guard
                    let index = job.runs.firstIndex(where: {
                        $0.state == .pending && ($0.nextAttemptAt ?? job.createdAt) <= time
                    })
                else { continue }
                job.runs[index].state = .running
                job.runs[index].attempts += 1
                job.runs[index].startedAt = time
                job.runs[index].nextAttemptAt = nil
                job.state = job.derivedState
                job.updatedAt = time
                try writer.putEncodedDocument(job, in: .deploymentJobs, key: key)
                return Claim(job: job, runIndex: index)
            }
            return nil
        }
    }

    /// Executes one claimed run and records the outcome. Never throws: failures become the run's
    /// error text; a storage failure while recording leaves the run `running`, to be resumed.
    func perform(_ claim: Claim) async {
        let outcome: Result<(DeploymentMaterial, DeploymentTarget), DeploymentFailure>
        do throws(DeploymentFailure) {
            let (material, target) = try self.material(for: claim)
            try await self.executor.deploy(material, to: target)
            outcome = .success((material, target))
        } catch {
            outcome = .failure(error)
        }
        // Shutting down mid-attempt: record nothing, so the run stays `running` and the next start
        // resumes it (a shutdown is not the target's failure and must not use up an attempt's verdict).
        if Task.isCancelled { return }
        var verification: DeploymentVerification?
        if case .success(let (material, target)) = outcome, let endpoint = target.verifyEndpoint {
            verification = await self.verify(endpoint, expecting: material.fingerprintSHA256)
        }
        _ = try? await self.record(claim, outcome: outcome.map { $0.0 }, verification: verification)
    }

    /// Checks what `endpoint` serves against `fingerprint`, again after a growing pause while it is
    /// unreachable or serves another leaf (a reload may not have finished), up to the policy's
    /// `verificationAttempts`; stops at the first `verified`. Cancellation (shutdown) ends the
    /// pauses early and returns the last check's result.
    /// - Returns: the last check's result, with the number of checks made.
    func verify(_ endpoint: VerificationEndpoint, expecting fingerprint: String) async -> DeploymentVerification {
        var checks = 0
        while true {
            checks += 1
            let verification = await self.check(endpoint, expecting: fingerprint, attempts: checks)
            if verification.result == .verified || checks >= self.policy.verificationAttempts { return verification }
            do {
                try await Task.sleep(for: .seconds(self.policy.verificationDelay(afterCheck: checks)))
            } catch {
                return verification
            }
        }
    }

    /// One check of what `endpoint` serves.
    private func check(_ endpoint: VerificationEndpoint, expecting fingerprint: String, attempts: Int) async
        -> DeploymentVerification
    {
        let result = await self.probe.servedFingerprint(endpoint)
        let time = self.now()
        switch result {
        case .success(let found) where found == fingerprint:
            return DeploymentVerification(
                result: .verified, foundFingerprintSHA256: found, checkedAt: time, attempts: attempts)
        case .success(let found):
            return DeploymentVerification(
                result: .servesOther, foundFingerprintSHA256: found, checkedAt: time, attempts: attempts)
        case .failure(let failure):
            return DeploymentVerification(
                result: .unreachable, detail: failure.reason, checkedAt: time, attempts: attempts)
        }
    }

    /// The target and the material for a claimed run, read on one snapshot.
    /// - Throws: ``DeploymentFailure/rejected(_:)`` when the target, the entry or a needed key is gone.
    nonisolated func material(for claim: Claim) throws(DeploymentFailure) -> (DeploymentMaterial, DeploymentTarget) {
        let job = claim.job
        let snapshot: (DeploymentTarget?, CertificateEntry?, CertificateEntry?)
        do {
            snapshot = try self.domainStore.read { reader in
                let target = try reader.decodedDocument(
                    DeploymentTarget.self, in: .deploymentTargets,
                    key: Self.targetKey(owner: job.ownerAccountID, id: claim.run.targetID))
                let entry = try reader.certificate(id: CertificateID(rawValue: job.certificateID))
                let original = try entry?.sharedFrom.flatMap { try reader.certificate(id: $0.certificateID) }
                return (target, entry, original)
            }
        } catch {
            throw .failed("the store could not be read: \(error.reason)")
        }
        guard let target = snapshot.0 else { throw .rejected("the target was deleted") }
        guard let entry = snapshot.1, entry.ownerAccountID.rawValue == job.ownerAccountID else {
            throw .rejected("the certificate was deleted")
        }
        var privateKeyPEM: String?
        var encryptionPrivateKeyPEM: String?
        if target.allowKey {
            var keyHolder = entry
            if entry.source == .shared {
                guard let origin = entry.sharedFrom, let original = snapshot.2,
                    original.ownerAccountID == origin.ownerAccountID,
                    original.details.fingerprintSHA256 == entry.details.fingerprintSHA256
                else { throw .rejected("the original of the shared certificate is no longer available") }
                keyHolder = original
            }
            guard keyHolder.sealedKey(.signing) != nil else {
                throw .rejected("the certificate has no private key in certd")
            }
            privateKeyPEM = try self.openedKeyPEM(of: keyHolder, role: .signing)
            // An SM2 dual pair deploys both halves: servers need the encryption key for the key exchange.
            if keyHolder.encryptionCertificateDER != nil {
                guard keyHolder.sealedKey(.encryption) != nil else {
                    throw .rejected("the SM2 entry has no encryption key in certd")
                }
                encryptionPrivateKeyPEM = try self.openedKeyPEM(of: keyHolder, role: .encryption)
            }
        }
        let material = DeploymentMaterial(
            certificateID: entry.id.rawValue, certificateName: entry.name,
            fingerprintSHA256: entry.details.fingerprintSHA256,
            certificatePEM: PEMEncoding.certificate(entry.leafDER), chainPEM: PEMEncoding.certificates(entry.chainDER),
            privateKeyPEM: privateKeyPEM,
            encryptionCertificatePEM: entry.encryptionCertificateDER.map(PEMEncoding.certificate),
            encryptionPrivateKeyPEM: encryptionPrivateKeyPEM)
        return (material, target)
    }

    /// The PKCS#8 PEM of `holder`'s key in `role`, unsealed for a deployment.
    /// - Throws: ``DeploymentFailure/rejected(_:)`` when the key cannot be opened.
    private nonisolated func openedKeyPEM(of holder: CertificateEntry, role: KeyRole) throws(DeploymentFailure)
        -> String
    {
        guard let sealed = holder.sealedKey(role) else {
            throw .rejected("the certificate has no \(role) key in certd")
        }
        do throws(SealingError) {
            let box = try SealedBox(bytes: sealed.blob)
            let pkcs8 = try self.sealer.open(
                box, associatedData: SealedKey.associatedData(for: holder.id.rawValue, role: role))
            return PEMEncoding.privateKey(pkcs8)
        } catch {
            throw .rejected("the stored private key could not be opened")
        }
    }

    /// Records the outcome of a claimed run (one transaction): success writes the deployed record;
    /// a retryable failure schedules the next attempt with backoff until the attempts run out; a
    /// final job leaves the active index with an audit event.
    func record(
        _ claim: Claim, outcome: Result<DeploymentMaterial, DeploymentFailure>, verification: DeploymentVerification?
    ) async throws(DomainError) {
        let time = self.now()
        let policy = self.policy
        try await self.domainStore.write { writer in
            let key = Self.jobKey(owner: claim.job.ownerAccountID, id: claim.job.id)
            guard var job = try writer.decodedDocument(DeploymentJob.self, in: .deploymentJobs, key: key) else {
                return
            }
            var run = job.runs[claim.runIndex]
            switch outcome {
            case .success(let material):
                run.state = .succeeded
                run.lastError = ""
                run.finishedAt = time
                run.verification = verification
                let targetKey = Self.targetKey(owner: job.ownerAccountID, id: run.targetID)
                if try writer.document(.deploymentTargets, key: targetKey) != nil {
                    try writer.putEncodedDocument(
                        DeployedCertificate(
                            certificateID: job.certificateID, targetID: run.targetID,
                            fingerprintSHA256: material.fingerprintSHA256, deployedAt: time, jobID: job.id,
                            verification: verification),
                        in: .deployedCertificates,
                        key: Self.deployedKey(certificateID: job.certificateID, targetID: run.targetID))
                    try writer.putEncodedDocument(
                        EmptyDocument(), in: .deployedByTarget,
                        key: Self.byTargetKey(targetID: run.targetID, certificateID: job.certificateID))
                }
            case .failure(let failure):
                run.lastError = failure.message
                if case .failed = failure, run.attempts < policy.maximumAttempts {
                    run.state = .pending
                    run.nextAttemptAt = time.addingTimeInterval(policy.delay(afterAttempt: run.attempts))
                } else {
                    run.state = .failed
                    run.finishedAt = time
                }
            }
            job.runs[claim.runIndex] = run
            job.state = job.derivedState
            job.updatedAt = time
            try writer.putEncodedDocument(job, in: .deploymentJobs, key: key)
            if job.state.isFinal {
                try writer.deleteDocument(.activeDeploymentJobs, key: job.id.rawValue)
                let failed = job.runs.filter { $0.state == .failed }
                try AuditTrail.append(
                    to: writer, time: time,
                    caller: Caller(
                        accountID: AccountID(rawValue: job.ownerAccountID), role: .user, requestID: job.id.rawValue),
                    action: .deploymentCompleted, target: job.certificateID,
                    outcome: failed.isEmpty ? .success : .failure(reason: "deploymentFailed"),
                    details: [
                        "job": job.id.rawValue, "fingerprint": job.fingerprintSHA256,
                        "failedTargets": failed.map(\.targetID.rawValue).joined(separator: ","),
                    ])
            }
        }
    }

    /// The owner recorded in an active-index document.
    static func activeOwner(_ document: StoredDocument) throws -> String {
        do {
            return try DocumentCoding.decoder.decode(ActiveJobReference.self, from: Data(document.body)).ownerAccountID
        } catch {
            throw InventoryStoreError.corruptRecord(table: document.collection.name, key: document.key)
        }
    }
}
