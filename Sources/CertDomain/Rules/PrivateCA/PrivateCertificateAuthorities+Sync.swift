import CertCrypto
import Foundation

extension PrivateCertificateAuthorities {
    /// Syncs certificates of one of the caller's CAs into the inventory ("migrate to SSL certificates").
    ///
    /// Each becomes an inventory entry with source `pca`, its chain up to the root and its key when the
    /// service holds it; its PCA status becomes `uploaded`. Idempotent: a certificate whose earlier entry
    /// still exists is reported `alreadySynced` and nothing is written. Runs in transactions of
    /// ``syncChunkSize`` certificates; one bad id fails alone.
    /// - Parameters:
    ///   - caller: the owner.
    ///   - caID: the issuing CA.
    ///   - ids: the certificates; nil for every `notSynced` certificate of the CA.
    /// - Returns: one outcome per id, in request order (duplicates answered once).
    /// - Throws: ``DomainError/pcaAuthorityNotFound(id:)``; storage errors (chunks committed before the
    ///   failure stay committed, and a retry reports them `alreadySynced`).
    public nonisolated func sync(_ caller: Caller, caID: PrivateCAID, ids: [PCACertificateID]?)
        async throws(DomainError) -> [PCASyncOutcome]
    {
        let ca = try await self.domainStore.audited(caller, .pcaCertificatesSynced, target: caID.rawValue) {
            () async throws(DomainError) -> PrivateCA in
            try self.loadAuthority(caller, id: caID).record
        }
        var seen = Set<PCACertificateID>()
        let requested: [PCACertificateID]
        if let ids {
            requested = ids
        } else {
            requested = try self.listCertificates(caller, caID: caID, status: .notSynced, limit: 10_000).map(\.id)
        }
        let wanted = requested.filter { seen.insert($0).inserted }
        var outcomes: [PCASyncOutcome] = []
        outcomes.reserveCapacity(wanted.count)
        var start = 0
        while start < wanted.count {
            let chunk = Array(wanted[start..<min(start + Self.syncChunkSize, wanted.count)])
            outcomes += try await self.syncChunk(caller, ca: ca, ids: chunk)
            start += chunk.count
        }
        return outcomes
    }

    /// A prepared sync of one certificate: the entry to write, or the outcome already decided.
    private enum Prepared: Sendable {
        case write(key: String, entry: CertificateEntry)
        case decided(PCASyncOutcome.Result)
    }

    private nonisolated func syncChunk(_ caller: Caller, ca: PrivateCA, ids: [PCACertificateID])
        async throws(DomainError) -> [PCASyncOutcome]
    {
        let issuers = try Self.issuerCertificates(of: ca)
        let time = self.now()
        let snapshot = try self.domainStore.read { reader in
            try ids.map { id -> (StoredDocument?, Bool) in
                let document = try reader.document(Self.issued, key: "\(ca.id.rawValue)/\(id.rawValue)")
                var entryExists = false
                if let document, let entryID = try? Self.decode(document).inventoryID {
                    entryExists = try reader.certificate(id: entryID) != nil
                }
                return (document, entryExists)
            }
        }
        var prepared: [Prepared] = []
        for (id, (document, entryExists)) in zip(ids, snapshot) {
            do throws(DomainError) {
                guard let document else { throw .pcaCertificateNotFound(id: id) }
                let record = try Self.decodeChecked(document)
                guard record.ownerAccountID == caller.accountID.rawValue else { throw .pcaCertificateNotFound(id: id) }
                if record.status == .revoked { throw .pcaCertificateRevoked(id: id) }
                if record.status == .uploaded, entryExists, let entryID = record.inventoryID {
                    prepared.append(.decided(.alreadySynced(entryID)))
                    continue
                }
                let entryID = CertificateID.generate()
                var sealedKeys: [SealedKey] = []
                if let sealed = document.sealedKeys.first(where: { $0.role == .signing }) {
                    // Re-seal under the entry's own binding: a key blob never moves between records.
                    let pkcs8 = try self.open(sealed, sealingID: document.sealingID)
                    sealedKeys = [try self.seal(pkcs8: pkcs8, sealingID: entryID.rawValue)]
                }
                let entry = try Self.entry(
                    for: record, issuers: issuers, id: entryID, owner: caller.accountID, sealedKeys: sealedKeys,
                    time: time)
                prepared.append(.write(key: document.key, entry: entry))
            } catch {
                prepared.append(.decided(.failed(error)))
            }
        }
        let decided = prepared
        let results = try await self.domainStore.write { writer -> [PCASyncOutcome.Result] in
            var results: [PCASyncOutcome.Result] = []
            var synced: [String] = []
            // Synced after its CA was revoked (read here, so a concurrent revocation is seen): the entries
            // say so from the start.
            let revokedWarning = try writer.decodedDocument(PrivateCA.self, in: Self.authorities, key: ca.id.rawValue)
                .flatMap { $0.isRevoked ? Self.revokedWarning(authorityRevoked: $0) : nil }
            for (id, item) in zip(ids, decided) {
                switch item {
                case .decided(let result):
                    results.append(result)
                case .write(let key, var entry):
                    if let revokedWarning { entry.warnings.append(revokedWarning) }
                    // Re-check inside the transaction: a revoke or another sync may have happened since.
                    guard let document = try writer.document(Self.issued, key: key) else {
                        results.append(.failed(.pcaCertificateNotFound(id: id)))
                        continue
                    }
                    var record = try Self.decode(document)
                    if record.status == .revoked {
                        results.append(.failed(.pcaCertificateRevoked(id: id)))
                        continue
                    }
                    if record.status == .uploaded, let existing = record.inventoryID,
                        try writer.certificate(id: existing) != nil
                    {
                        results.append(.alreadySynced(existing))
                        continue
                    }
                    if try writer.certificate(owner: entry.ownerAccountID, name: entry.name) != nil {
                        results.append(.failed(.nameTaken(name: entry.name)))
                        continue
                    }
                    try writer.putCertificate(entry)
                    record.status = .uploaded
                    record.inventoryEntryID = entry.id.rawValue
                    record.updatedAt = time
                    try writer.putEncodedDocument(record, in: Self.issued, key: key, sealedKeys: document.sealedKeys)
                    try writer.putDocument(
                        StoredDocument(collection: Self.syncedIndex, key: entry.id.rawValue, body: Array(key.utf8)))
                    synced.append(id.rawValue)
                    results.append(.synced(entry.id))
                }
            }
            if !synced.isEmpty {
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .pcaCertificatesSynced, target: ca.id.rawValue,
                    details: [
                        "synced": "\(synced.count)", "requested": "\(ids.count)",
                        "certificates": synced.joined(separator: ","),
                    ])
            }
            return results
        }
        return zip(ids, results).map { PCASyncOutcome(id: $0, result: $1) }
    }

    // MARK: Re-issue

    /// Re-issues one of the caller's certificates from the same CA: same subject, SANs, usages and
    /// validity length, a new key generated (and held) by the service. When it was synced, its inventory
    /// entry is updated in place and keeps its id, name, tags and history.
    /// - Returns: the updated PCA certificate.
    /// - Throws: ``DomainError/pcaCertificateNotFound(id:)``, ``DomainError/pcaCertificateRevoked(id:)``,
    ///   ``DomainError/pcaAuthorityRevoked(id:)`` when its CA was revoked,
    ///   ``DomainError/invalidArgument(field:detail:)`` when the CA expires before a new term would end.
    public nonisolated func reissue(_ caller: Caller, id: PCACertificateID) async throws(DomainError)
        -> PCACertificate
    {
        try await self.reissueAndUpdate(caller, id: id).certificate
    }

    /// Renews the inventory entry a PCA sync created (the shape of the lead's `CertificateRenewing`).
    /// - Returns: the updated inventory entry (same id).
    /// - Throws: ``DomainError/certificateNotFound(id:)`` when the entry is not the caller's or was not
    ///   synced from a private CA; otherwise as ``reissue(_:id:)``.
    public nonisolated func renew(_ caller: Caller, id: CertificateID) async throws(DomainError) -> CertificateEntry {
        let key = try self.domainStore.read { reader in
            try reader.document(Self.syncedIndex, key: id.rawValue).map { String(decoding: $0.body, as: UTF8.self) }
        }
        guard let key, let certificateID = key.split(separator: "/").last else { throw .certificateNotFound(id: id) }
        let result = try await self.reissueAndUpdate(caller, id: PCACertificateID(rawValue: String(certificateID)))
        guard let entry = result.entry, entry.id == id else { throw .certificateNotFound(id: id) }
        return entry
    }

    private nonisolated func reissueAndUpdate(_ caller: Caller, id: PCACertificateID) async throws(DomainError)
        -> (certificate: PCACertificate, entry: CertificateEntry?)
    {
        try await self.domainStore.audited(caller, .pcaCertificateReissued, target: id.rawValue) {
            () async throws(DomainError) -> (certificate: PCACertificate, entry: CertificateEntry?) in
            let (old, document) = try self.loadCertificate(caller, id: id)
            guard old.status != .revoked else { throw .pcaCertificateRevoked(id: id) }
            let (ca, authority) = try self.openAuthority(caller, id: old.caID)
            guard !ca.isRevoked else { throw .pcaAuthorityRevoked(id: ca.id) }
            let time = self.now()
            let validity = Validity.days(old.validityDays, from: time)
            guard validity.notAfter <= ca.notAfter else {
                throw .invalidArgument(
                    field: "validityDays", detail: "the CA expires before a new \(old.validityDays)-day term would end")
            }
            var usages: [ExtendedKeyUsage] = []
            if old.serverAuth { usages.append(.serverAuth) }
            if old.clientAuth { usages.append(.clientAuth) }
            let algorithm = PCAKeyAlgorithm(rawValue: old.algorithm) ?? ca.algorithm
            let key: PrivateKey
            let leaf: Certificate
            do throws(CertificateError) {
                key = try PrivateKey.generate(algorithm.keyAlgorithm)
                let subject = try Certificate(der: old.certificateDER).details.commonName ?? old.commonName
                leaf = try authority.issueLeaf(
                    subject: DistinguishedName(commonName: subject), publicKey: key.publicKey,
                    subjectAlternativeNames: old.subjectAlternativeNames.map(Self.unprefixed(_:)), validity: validity,
                    extendedKeyUsage: usages)
            } catch {
                throw .invalidCertificate(error)
            }
            let sealed = try self.seal(key, sealingID: document.sealingID)
            let details = leaf.details
            var record = old
            record.certificateDER = leaf.der
            record.serialNumberHex = details.serialNumber
            record.fingerprintSHA256 = details.sha256Fingerprint
            record.notBefore = details.notBefore
            record.notAfter = details.notAfter
            record.hasKey = true
            record.algorithm = algorithm.rawValue
            record.updatedAt = time
            var entrySealed: SealedKey?
            var entryFacts: CertificateEntry?
            if let entryID = old.inventoryID {
                entrySealed = try self.seal(key, sealingID: entryID.rawValue)
                entryFacts = try Self.entry(
                    for: record, issuers: try Self.issuerCertificates(of: ca), id: entryID, owner: caller.accountID,
                    sealedKeys: entrySealed.map { [$0] } ?? [], time: time)
            }
            let updated = record
            let fresh = entryFacts
            let documentKey = document.key
            return try await self.domainStore.write {
                writer -> (certificate: PCACertificate, entry: CertificateEntry?) in
                guard let current = try writer.document(Self.issued, key: documentKey) else {
                    throw DomainError.pcaCertificateNotFound(id: id)
                }
                guard try Self.decode(current).status != .revoked else {
                    throw DomainError.pcaCertificateRevoked(id: id)
                }
                // Re-checked here: the CA may have been revoked while the new certificate was being signed.
                let authority = try writer.decodedDocument(PrivateCA.self, in: Self.authorities, key: ca.id.rawValue)
                guard authority?.isRevoked != true else { throw DomainError.pcaAuthorityRevoked(id: ca.id) }
                var entry: CertificateEntry?
                if let fresh, var existing = try writer.certificate(id: fresh.id),
                    existing.ownerAccountID == caller.accountID
                {
                    existing.leafDER = fresh.leafDER
                    existing.chainDER = fresh.chainDER
                    existing.sealedKeys = fresh.sealedKeys
                    existing.details = fresh.details
                    existing.warnings = fresh.warnings
                    existing.updatedAt = time
                    try writer.putCertificate(existing)
                    entry = existing
                }
                try writer.putEncodedDocument(updated, in: Self.issued, key: documentKey, sealedKeys: [sealed])
                var details = [
                    "ca": updated.caID.rawValue, "oldSerial": old.serialNumberHex, "serial": updated.serialNumberHex,
                ]
                if let entry { details["entry"] = entry.id.rawValue }
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .pcaCertificateReissued, target: id.rawValue,
                    details: details)
                return (updated, entry)
            }
        }
    }

    // MARK: Entries

    /// The CA's certificate and its issuers, nearest first.
    static func issuerCertificates(of ca: PrivateCA) throws(DomainError) -> [Certificate] {
        do throws(CertificateError) {
            return try ([ca.certificateDER] + ca.chainDER).map { der throws(CertificateError) in
                try Certificate(der: der)
            }
        } catch {
            throw .invalidCertificate(error)
        }
    }

    /// The inventory entry of an issued certificate: source `pca`, chain up to the root, its warnings.
    static func entry(
        for record: PCACertificate, issuers: [Certificate], id: CertificateID, owner: AccountID,
        sealedKeys: [SealedKey], time: Date
    ) throws(DomainError) -> CertificateEntry {
        let chain: CertificateChain
        do throws(CertificateError) {
            let leaf = try Certificate(der: record.certificateDER)
            chain = try CertificateChain.build(
                certificates: [(leaf, InputField.certificate)] + issuers.map { ($0, InputField.chain) })
        } catch {
            throw .invalidCertificate(error)
        }
        let label = record.commonName.isEmpty ? "" : String(record.commonName.prefix(96)) + " "
        return CertificateEntry(
            id: id, ownerAccountID: owner, name: label + record.id.rawValue, source: .pca, algorithm: .international,
            leafDER: record.certificateDER, chainDER: chain.certificates.dropFirst().map(\.der), sealedKeys: sealedKeys,
            details: try CertificateInventory.facts(of: chain), createdAt: time, updatedAt: time,
            warnings: record.warnings)
    }
}
