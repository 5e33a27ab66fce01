import CertCrypto
import Foundation

extension CertificateInventory {
    /// Stores `count` copies of a few template uploads as distinct entries of the caller, in large
    /// write transactions: the fast way to build a benchmark data set of a million certificates
    /// (one upload RPC per certificate runs at a few hundred per second).
    ///
    /// Each template is validated once exactly as ``uploadCertificate(_:_:)`` validates an upload
    /// (labels, chain, key parse and match). Entry `i` gets a fresh id, the name `"\(namePrefix)\(i)"`,
    /// template `i % templates.count`'s certificate, facts and warnings, and the template's key
    /// sealed under the entry's own id like a real upload's key, so the entries are
    /// indistinguishable from uploaded ones (get, list, download work on them). Each batch
    /// checks that its names are free and records one `certificateUploaded` audit event naming the
    /// batch's first and last entry, instead of one event per entry.
    /// - Parameters:
    ///   - caller: the owner of the new entries.
    ///   - templates: the certificates and keys to copy; each needs a private key; `name` is ignored.
    ///   - count: how many entries to write.
    ///   - namePrefix: the entries' names are this prefix followed by 0, 1, ... `count - 1`.
    ///   - batchSize: entries per write transaction (clamped to 1...100,000).
    ///   - progress: called after each committed batch with the number of entries written so far.
    /// - Returns: the number of entries written (`count`).
    /// - Throws: ``DomainError/invalidArgument(field:detail:)`` when `templates` is empty, a
    ///   template has no key or `count` is negative; a template's validation error as
    ///   ``uploadCertificate(_:_:)`` throws it; ``DomainError/nameTaken(name:)`` when a generated
    ///   name exists (pick another prefix); storage errors. Batches committed before an error stay.
    public nonisolated func seedCertificates(
        _ caller: Caller,
        templates: [CertificateUpload],
        count: Int,
        namePrefix: String,
        batchSize: Int = 10_000,
        progress: (Int) -> Void = { _ in }
    ) async throws(DomainError) -> Int {
        guard !templates.isEmpty else { throw .invalidArgument(field: "templates", detail: "give at least one") }
        guard count >= 0 else { throw .invalidArgument(field: "count", detail: "must not be negative") }
        _ = try EntryLabels.name(namePrefix + String(max(count - 1, 0)))
        let prepared = try templates.map { template throws(DomainError) in
            try self.seedTemplate(template, owner: caller.accountID)
        }
        let batch = min(max(batchSize, 1), 100_000)
        var written = 0
        while written < count {
            let range = written..<min(written + batch, count)
            let time = self.now()
            // Sealing is CPU work: do it before the transaction, as uploads do.
            var entries: [CertificateEntry] = []
            entries.reserveCapacity(range.count)
            for index in range {
                let template = prepared[index % prepared.count]
                let id = CertificateID.generate()
                var entry = template.entry
                entry.id = id
                entry.name = namePrefix + String(index)
                do throws(SealingError) {
                    let box = try self.sealer.seal(
                        template.keyDER, associatedData: SealedKey.associatedData(for: id.rawValue, role: .signing))
                    entry.sealedKeys = [SealedKey(role: .signing, blob: box.bytes)]
                } catch {
                    throw .keyUnavailable(error)
                }
                entry.createdAt = time
                entry.updatedAt = time
                entries.append(entry)
            }
            try await self.domainStore.write { [entries] writer in
                for entry in entries {
                    if try writer.certificate(owner: entry.ownerAccountID, name: entry.name) != nil {
                        throw DomainError.nameTaken(name: entry.name)
                    }
                    try writer.putCertificate(entry)
                }
                _ = try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .certificateUploaded,
                    target: entries.first?.id.rawValue ?? "",
                    details: [
                        "seeded": String(entries.count), "first": entries.first?.name ?? "",
                        "last": entries.last?.name ?? "",
                    ])
            }
            written = range.upperBound
            progress(written)
        }
        return written
    }

    /// A validated template: the entry every copy starts from (owner, certificate, facts, labels)
    /// and the key's PKCS#8 DER to seal per copy (encoded once: OpenSSL 3.0's encoder costs ~150 µs).
    private nonisolated func seedTemplate(_ upload: CertificateUpload, owner: AccountID) throws(DomainError) -> (
        entry: CertificateEntry, keyDER: [UInt8]
    ) {
        let group = try EntryLabels.resourceGroup(upload.resourceGroup)
        let tags = try EntryLabels.tags(upload.tags)
        guard let keyBytes = upload.privateKey else {
            throw .invalidArgument(field: "templates", detail: "every template needs a private key")
        }
        let bundle: CertificateBundle
        let key: PrivateKey
        do throws(CertificateError) {
            bundle = try CertificateBundle.parse(certificatePEM: upload.certificate, chainPEM: upload.chain)
            key = try PrivateKey(bytes: keyBytes, passphrase: upload.passphrase, field: .privateKey)
            try KeyMatcher.check(certificate: bundle.leaf, key: key)
        } catch {
            throw .invalidCertificate(error)
        }
        let entry = CertificateEntry(
            id: CertificateID(rawValue: ""), ownerAccountID: owner, name: "", source: .uploaded,
            algorithm: .international,
            leafDER: bundle.leaf.der, chainDER: bundle.chain.certificates.dropFirst().map(\.der),
            sealedKeys: [], details: try Self.facts(of: bundle.chain), resourceGroup: group, tags: tags,
            createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0),
            warnings: Self.warnings(for: bundle.chain))
        return (entry, key.pkcs8DER)
    }
}
