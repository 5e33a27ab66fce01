public import CertCrypto
public import Foundation

/// The certificate and CSR rules of one inventory: upload, list, update, delete, download, CSRs.
///
/// Role: the domain's entry point for certificate entries. Each mutation reads, checks and writes
/// inside one store write transaction together with its audit event (no `await` between the check
/// and the write, so actor reentrancy cannot interleave two decisions); refused mutations are
/// audited in a transaction of their own. Reads are `nonisolated` and run on store snapshots from
/// any task. CPU-heavy validation (parsing, chain building, key matching, sealing, key generation)
/// runs `nonisolated` before the transaction, so uploads validate in parallel and only the short
/// commit step is ordered.
/// Invariants: an account sees and changes only its own entries, and anything else answers
/// `certificateNotFound`/`csrNotFound` exactly as a missing entry would; names are unique per
/// account; private keys exist only sealed, bound to entry id and role, and are unsealed only by
/// ``downloadCertificate(_:id:)``, which audits the download before returning the keys.
/// Isolation: an actor without mutable state of its own; the store holds the state.
public actor CertificateInventory {
    let domainStore: DomainStore
    let sealer: Sealer

    /// - Parameters:
    ///   - store: the inventory store.
    ///   - clock: the wall clock (times, expiry status).
    ///   - sealer: seals and opens private keys under the master key.
    public init(store: any InventoryStore, clock: any WallClock, sealer: Sealer) {
        self.domainStore = DomainStore(store: store, clock: clock)
        self.sealer = sealer
    }

    /// The current time of the injected clock (for status computations by callers).
    public nonisolated func now() -> Date { self.domainStore.clock.now() }

    // MARK: Reads

    /// One of the caller's entries.
    /// - Throws: ``DomainError/certificateNotFound(id:)`` when it does not exist or is not the caller's.
    public nonisolated func certificate(_ caller: Caller, id: CertificateID) throws(DomainError) -> CertificateEntry {
        guard let entry = try self.domainStore.read({ try $0.certificate(id: id) }),
            entry.ownerAccountID == caller.accountID
        else { throw .certificateNotFound(id: id) }
        return entry
    }

    /// One page of the caller's entries.
    /// - Parameters:
    ///   - filter: the filters (all must hold).
    ///   - sort: the order; a page token only continues the sort it was issued for.
    ///   - limit: clamped to 1...1000.
    ///   - pageToken: `nextPageToken` of the previous page, or nil.
    /// - Returns: the page and the next page's token.
    /// - Throws: ``DomainError/invalidPageToken``, ``DomainError/invalidArgument(field:detail:)`` for a
    ///   negative expiry window or a search text over 256 characters.
    public nonisolated func listCertificates(
        _ caller: Caller,
        filter: CertificateFilter = CertificateFilter(),
        sort: CertificateSort = CertificateSort(field: .notAfter, order: .ascending),
        limit: Int = 100,
        pageToken: String? = nil
    ) throws(DomainError) -> CertificateListing {
        var cursor: CertificateCursor?
        if let pageToken, !pageToken.isEmpty {
            guard let decoded = CertificateCursor(token: pageToken), decoded.field == sort.field else {
                throw .invalidPageToken
            }
            cursor = decoded
        }
        guard (filter.text?.count ?? 0) <= 256 else {
            throw .invalidArgument(field: "text", detail: "at most 256 characters")
        }
        switch filter.expiry {
        case .expiringWithin(let days), .validBeyond(let days):
            guard (0...36_500).contains(days) else {
                throw .invalidArgument(field: "expiry", detail: "days must be 0...36500")
            }
        default:
            break
        }
        let query = CertificateQuery(
            owner: caller.accountID,
            now: self.now(),
            source: filter.source,
            expiry: filter.expiry,
            tag: try filter.tag.map { tag throws(DomainError) in
                TagFilter(key: try EntryLabels.tagKey(tag.key), value: try EntryLabels.tagValue(tag.value))
            },
            resourceGroup: try filter.resourceGroup.map { group throws(DomainError) in
                try EntryLabels.resourceGroup(group)
            },
            keyAlgorithm: filter.keyAlgorithm,
            text: filter.text,
            sort: sort,
            limit: min(max(limit, 1), CertificateQuery.maximumLimit),
            after: cursor
        )
        let page = try self.domainStore.read { try $0.listCertificates(query) }
        return CertificateListing(entries: page.entries, nextPageToken: page.next?.token)
    }

    /// Counts of the caller's entries by expiry status (at the clock's now) and source.
    public nonisolated func summary(_ caller: Caller) throws(DomainError) -> CertificateSummary {
        let now = self.now()
        return try self.domainStore.read { try $0.countCertificates(owner: caller.accountID, now: now) }
    }

    /// The expiry status of `entry` at the clock's now.
    public nonisolated func status(of entry: CertificateEntry) -> CertificateStatus {
        CertificateStatus(notAfter: entry.details.notAfter, now: self.now())
    }

    // MARK: Update and delete

    /// Renames, retags or regroups one of the caller's entries.
    /// - Returns: the updated entry.
    /// - Throws: ``DomainError/certificateNotFound(id:)``, ``DomainError/nameTaken(name:)``,
    ///   ``DomainError/invalidArgument(field:detail:)``, ``DomainError/sharedCertificateReadOnly(id:)``.
    public func updateCertificate(_ caller: Caller, id: CertificateID, _ update: CertificateUpdate)
        async throws(DomainError)
        -> CertificateEntry
    {
        let time = self.now()
        return try await self.domainStore.audited(caller, .certificateUpdated, target: id.rawValue) {
            () async throws(DomainError) -> CertificateEntry in
            let name = try update.name.map { name throws(DomainError) in try EntryLabels.name(name) }
            let setTags = try EntryLabels.tags(update.setTags)
            let removeTags = try update.removeTags.map { key throws(DomainError) in try EntryLabels.tagKey(key) }
            let group = try update.resourceGroup.map { group throws(DomainError) in try EntryLabels.resourceGroup(group)
            }
            return try await self.domainStore.write { writer in
                guard var entry = try writer.certificate(id: id), entry.ownerAccountID == caller.accountID else {
                    throw DomainError.certificateNotFound(id: id)
                }
                guard entry.source != .shared else { throw DomainError.sharedCertificateReadOnly(id: id) }
                if let name, name != entry.name {
                    if try writer.certificate(owner: caller.accountID, name: name) != nil {
                        throw DomainError.nameTaken(name: name)
                    }
                    entry.name = name
                }
                for key in removeTags { entry.tags[key] = nil }
                entry.tags.merge(setTags) { _, new in new }
                guard entry.tags.count <= 50 else {
                    throw DomainError.invalidArgument(field: "tags", detail: "at most 50 tags")
                }
                if let group { entry.resourceGroup = group }
                entry.updatedAt = time
                try writer.putCertificate(entry)
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .certificateUpdated, target: id.rawValue,
                    details: ["name": entry.name])
                return entry
            }
        }
    }

    /// Deletes one of the caller's entries, irreversibly; a CSR whose key it used becomes unused again.
    /// Deleting a shared original ends its share (the recipient's entry goes too); a recipient
    /// deleting its shared entry removes it from its own list only.
    /// - Returns: the deleted entry.
    /// - Throws: ``DomainError/certificateNotFound(id:)``.
    @discardableResult
    public func deleteCertificate(_ caller: Caller, id: CertificateID) async throws(DomainError) -> CertificateEntry {
        let time = self.now()
        return try await self.domainStore.audited(caller, .certificateDeleted, target: id.rawValue) {
            () async throws(DomainError) -> CertificateEntry in
            try await self.domainStore.write { writer in
                guard let entry = try writer.certificate(id: id), entry.ownerAccountID == caller.accountID else {
                    throw DomainError.certificateNotFound(id: id)
                }
                try writer.deleteCertificate(id: id)
                try ShareLedger.entryDeleted(entry, writer: writer, time: time, caller: caller)
                if let csrID = entry.csrID, var csr = try writer.csr(id: csrID), csr.usedByCertificateID == id {
                    csr.usedByCertificateID = nil
                    try writer.putCSR(csr)
                }
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .certificateDeleted, target: id.rawValue,
                    details: ["name": entry.name, "fingerprint": entry.details.fingerprintSHA256])
                return entry
            }
        }
    }

    // MARK: Download

    /// The entry with its decrypted key(s), for its owner only; the download is audited (and durable
    /// in the log) before the keys are returned.
    /// - Returns: the entry and the PKCS#8 DER of its key(s).
    /// - Throws: ``DomainError/certificateNotFound(id:)``, ``DomainError/downloadForbidden(id:)`` for
    ///   shared entries, ``DomainError/keyUnavailable(_:)`` when a key does not open.
    public func downloadCertificate(_ caller: Caller, id: CertificateID) async throws(DomainError)
        -> CertificateDownload
    {
        try await self.domainStore.audited(caller, .keyDownloaded, target: id.rawValue) {
            () async throws(DomainError) -> CertificateDownload in
            let entry = try self.certificate(caller, id: id)
            guard entry.source != .shared else { throw .downloadForbidden(id: id) }
            let signing = try entry.sealedKey(.signing).map { key throws(DomainError) in
                try self.open(key, recordID: id.rawValue)
            }
            let encryption = try entry.sealedKey(.encryption).map { key throws(DomainError) in
                try self.open(key, recordID: id.rawValue)
            }
            let time = self.now()
            try await self.domainStore.write { writer in
                guard let current = try writer.certificate(id: id), current.ownerAccountID == caller.accountID else {
                    throw DomainError.certificateNotFound(id: id)
                }
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .keyDownloaded, target: id.rawValue,
                    details: ["name": current.name, "fingerprint": current.details.fingerprintSHA256])
            }
            return CertificateDownload(entry: entry, privateKeyPKCS8: signing, encryptionPrivateKeyPKCS8: encryption)
        }
    }

    // MARK: Sealing

    nonisolated func seal(_ key: PrivateKey, recordID: String, role: KeyRole) throws(DomainError) -> SealedKey {
        do throws(SealingError) {
            let box = try self.sealer.seal(
                key.pkcs8DER, associatedData: SealedKey.associatedData(for: recordID, role: role))
            return SealedKey(role: role, blob: box.bytes)
        } catch {
            throw .keyUnavailable(error)
        }
    }

    nonisolated func open(_ key: SealedKey, recordID: String) throws(DomainError) -> [UInt8] {
        do throws(SealingError) {
            let box = try SealedBox(bytes: key.blob)
            return try self.sealer.open(box, associatedData: SealedKey.associatedData(for: recordID, role: key.role))
        } catch {
            throw .keyUnavailable(error)
        }
    }
}
