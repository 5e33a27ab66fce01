import CertCrypto
import Foundation

extension DeploymentBoard {
    /// Replaces an uploaded certificate in place (new certificate, chain and key; same id, name,
    /// tags and group), then, in the same transaction, creates one job redeploying it to every
    /// target it is deployed to.
    ///
    /// Validated like an upload: the certificate and chain parse and link, the key matches the leaf.
    /// The CSR link of the old certificate is released (the new key is not the CSR's).
    /// - Returns: the updated entry and the redeploy job (nil when it was deployed nowhere).
    /// - Throws: ``DeploymentError/replaceNotSupported(certificateID:source:)`` for pca, official
    ///   and shared entries; ``DomainError/invalidArgument(field:detail:)`` for SM2 dual entries;
    ///   ``DomainError/certificateNotFound(id:)``; ``DomainError/invalidCertificate(_:)``.
    public func replaceCertificate(_ caller: Caller, id: CertificateID, _ replacement: CertificateReplacement)
        async throws(DomainError) -> ReplacementResult
    {
        let result = try await self.domainStore.audited(caller, .certificateReplaced, target: id.rawValue) {
            () async throws(DomainError) -> ReplacementResult in
            // A cheap snapshot check first, so a pca or shared entry is refused before any parsing.
            let current = try self.domainStore.read { try $0.certificate(id: id) }
            guard let current, current.ownerAccountID == caller.accountID else { throw .certificateNotFound(id: id) }
            try Self.requireReplaceable(current)
            let bundle: CertificateBundle
            let sealedKey: SealedKey
            do {
                bundle = try CertificateBundle.parse(
                    certificatePEM: replacement.certificate, chainPEM: replacement.chain)
                let key = try PrivateKey(
                    bytes: replacement.privateKey, passphrase: replacement.passphrase, field: .privateKey)
                try KeyMatcher.check(certificate: bundle.leaf, key: key)
                let box = try self.sealer.seal(
                    key.pkcs8DER, associatedData: SealedKey.associatedData(for: id.rawValue, role: .signing))
                sealedKey = SealedKey(role: .signing, blob: box.bytes)
            } catch let error as CertificateError {
                throw .invalidCertificate(error)
            } catch let error as SealingError {
                throw .keyUnavailable(error)
            } catch {
                throw .storageUnavailable
            }
            let facts = try CertificateInventory.facts(of: bundle.chain)
            let warnings = CertificateInventory.warnings(for: bundle.chain)
            let time = self.now()
            return try await self.domainStore.write { writer in
                guard var entry = try writer.certificate(id: id), entry.ownerAccountID == caller.accountID else {
                    throw DomainError.certificateNotFound(id: id)
                }
                try Self.requireReplaceable(entry)
                let previousFingerprint = entry.details.fingerprintSHA256
                if let csrID = entry.csrID, var csr = try writer.csr(id: csrID), csr.usedByCertificateID == id {
                    csr.usedByCertificateID = nil
                    try writer.putCSR(csr)
                }
                entry.leafDER = bundle.leaf.der
                entry.chainDER = bundle.chain.certificates.dropFirst().map(\.der)
                entry.sealedKeys = [sealedKey]
                entry.details = facts
                entry.warnings = warnings
                entry.csrID = nil
                entry.updatedAt = time
                try writer.putCertificate(entry)
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .certificateReplaced, target: id.rawValue,
                    details: [
                        "name": entry.name, "fingerprint": facts.fingerprintSHA256,
                        "previousFingerprint": previousFingerprint,
                    ])
                var targets: [DeploymentTarget] = []
                for record in try writer.decodedDocuments(
                    DeployedCertificate.self, in: .deployedCertificates,
                    prefix: DocumentCollection.deployedCertificatesPrefix(id))
                {
                    if let target = try writer.decodedDocument(
                        DeploymentTarget.self, in: .deploymentTargets,
                        key: Self.targetKey(owner: caller.accountID.rawValue, id: record.targetID))
                    {
                        targets.append(target)
                    }
                }
                let job =
                    targets.isEmpty
                    ? nil
                    : try Self.insertJob(
                        writer, caller: caller, entry: entry, targets: targets, trigger: "replace", time: time)
                return ReplacementResult(entry: entry, redeployJob: job)
            }
        }
        if result.redeployJob != nil { self.wakeRunner() }
        return result
    }

    /// Only uploaded international entries can be replaced.
    static func requireReplaceable(_ entry: CertificateEntry) throws(DomainError) {
        guard entry.source == .uploaded else {
            throw .deployment(.replaceNotSupported(certificateID: entry.id.rawValue, source: entry.source.rawValue))
        }
        guard entry.algorithm == .international else {
            throw .invalidArgument(
                field: "id", detail: "SM2 dual entries cannot be replaced yet; upload the new pair as a new entry")
        }
    }
}
