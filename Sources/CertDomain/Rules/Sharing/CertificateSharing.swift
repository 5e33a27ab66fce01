import Foundation

/// The sharing rules of issue 6: an owner shares an official certificate with one account of the
/// same verified identity and site; the recipient gets a key-less entry (source `shared`).
///
/// Role: the domain entry point for Share, Unshare and ListShares. Each mutation reads, checks and
/// writes in one store write transaction with its audit event; a refusal is audited (with its
/// reason) in a transaction of its own through ``DomainStore/audited(_:_:target:details:isolation:_:)``.
/// Invariants: a certificate is shared at most once (one ``CertificateShare`` per original);
/// only `official` entries are shared; the recipient's entry never holds sealed keys; another
/// account's entry is `certificateNotFound`, as everywhere in the domain.
/// Isolation: an actor without mutable state of its own; the store holds the state.
public actor CertificateSharing {
    let domainStore: DomainStore

    /// - Parameters:
    ///   - store: the inventory store (the same one the inventory uses).
    ///   - clock: the wall clock.
    public init(store: any InventoryStore, clock: any WallClock) {
        self.domainStore = DomainStore(store: store, clock: clock)
    }

    /// Shares the caller's official certificate `id` with `recipient`.
    ///
    /// Checks, in order: the entry is the caller's (`certificateNotFound`); it was not shared with
    /// the caller (`reshareForbidden`); it is official (`notShareable`); it is not shared yet
    /// (`alreadyShared`); the recipient is another existing account (`invalidArgument`,
    /// `accountNotFound`); both identities are verified (`identityNotVerified`) and the same name and
    /// kind (`identityMismatch`); both accounts are on the same site (`siteMismatch`).
    /// - Parameters:
    ///   - caller: the owner.
    ///   - id: the original certificate.
    ///   - recipient: the account to share with.
    /// - Returns: the new share; the recipient's entry is `recipientCertificateID`.
    /// - Throws: the errors above, storage errors.
    public func share(_ caller: Caller, id: CertificateID, with recipient: AccountID) async throws(DomainError)
        -> CertificateShare
    {
        let time = self.domainStore.clock.now()
        return try await self.domainStore.audited(
            caller, .certificateShared, target: id.rawValue, details: ["recipient": recipient.rawValue]
        ) { () async throws(DomainError) -> CertificateShare in
            try await self.domainStore.write { writer in
                guard let original = try writer.certificate(id: id), original.ownerAccountID == caller.accountID else {
                    throw DomainError.certificateNotFound(id: id)
                }
                guard original.source != .shared else { throw DomainError.reshareForbidden(id: id) }
                guard original.source == .official else {
                    throw DomainError.notShareable(id: id, source: original.source)
                }
                if let existing = try ShareLedger.share(of: id, in: writer) {
                    throw DomainError.alreadyShared(id: id, recipient: existing.recipientAccountID)
                }
                guard recipient != caller.accountID else {
                    throw DomainError.invalidArgument(
                        field: "recipient", detail: "choose another account than your own")
                }
                guard let owner = try writer.account(id: caller.accountID) else { throw DomainError.unauthenticated }
                guard let target = try writer.account(id: recipient) else {
                    throw DomainError.accountNotFound(id: recipient)
                }
                try Self.checkSameIdentity(owner: owner, recipient: target)
                let copyID = CertificateID.generate()
                var copy = original
                copy.id = copyID
                copy.ownerAccountID = recipient
                copy.name = try Self.freeName(for: original, owner: owner.id, recipient: recipient, in: writer)
                copy.source = .shared
                copy.sealedKeys = []
                copy.resourceGroup = ""
                copy.tags = [:]
                copy.csrID = nil
                copy.createdAt = time
                copy.updatedAt = time
                copy.sharedFrom = ShareOrigin(ownerAccountID: owner.id, certificateID: id)
                let share = CertificateShare(
                    certificateID: id, ownerAccountID: owner.id, recipientAccountID: recipient,
                    recipientCertificateID: copyID, sharedAt: time)
                try writer.putCertificate(copy)
                try ShareLedger.put(share, to: writer)
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .certificateShared, target: id.rawValue,
                    details: [
                        "recipient": recipient.rawValue, "recipientCertificate": copyID.rawValue,
                        "fingerprint": original.details.fingerprintSHA256,
                    ])
                return share
            }
        }
    }

    /// Ends the share of `id`: by the owner of the original (revocation), or by the recipient on its
    /// shared entry (the same as removing it from its list). The recipient's entry is deleted.
    /// - Returns: the share that ended.
    /// - Throws: ``DomainError/certificateNotFound(id:)``, ``DomainError/notShared(id:)``, storage errors.
    @discardableResult
    public func unshare(_ caller: Caller, id: CertificateID) async throws(DomainError) -> CertificateShare {
        let time = self.domainStore.clock.now()
        return try await self.domainStore.audited(caller, .certificateUnshared, target: id.rawValue) {
            () async throws(DomainError) -> CertificateShare in
            try await self.domainStore.write { writer in
                guard let entry = try writer.certificate(id: id), entry.ownerAccountID == caller.accountID else {
                    throw DomainError.certificateNotFound(id: id)
                }
                if entry.source == .shared {
                    guard let origin = entry.sharedFrom,
                        let share = try ShareLedger.share(of: origin.certificateID, in: writer),
                        share.recipientCertificateID == id
                    else { throw DomainError.notShared(id: id) }
                    _ = try writer.deleteCertificate(id: id)
                    try ShareLedger.entryDeleted(entry, writer: writer, time: time, caller: caller)
                    return share
                }
                guard let share = try ShareLedger.share(of: id, in: writer) else { throw DomainError.notShared(id: id) }
                _ = try writer.deleteDocument(ShareLedger.collection, key: id.rawValue)
                _ = try writer.deleteCertificate(id: share.recipientCertificateID)
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .certificateUnshared, target: id.rawValue,
                    details: [
                        "recipient": share.recipientAccountID.rawValue,
                        "recipientCertificate": share.recipientCertificateID.rawValue,
                    ])
                return share
            }
        }
    }

    /// The shares of one of the caller's entries: for an original, whom it is shared with (and since
    /// when); for a shared entry, the share it came from. Empty when not shared.
    /// - Throws: ``DomainError/certificateNotFound(id:)``, storage errors.
    public nonisolated func shares(_ caller: Caller, id: CertificateID) throws(DomainError) -> [CertificateShare] {
        try self.domainStore.read { reader in
            guard let entry = try reader.certificate(id: id), entry.ownerAccountID == caller.accountID else {
                throw DomainError.certificateNotFound(id: id)
            }
            return try Self.shares(of: entry, in: reader)
        }
    }

    /// The shares `entry` takes part in (no ownership check; the caller already holds the entry).
    static func shares(of entry: CertificateEntry, in reader: any InventoryReader) throws -> [CertificateShare] {
        if entry.source == .shared, let origin = entry.sharedFrom {
            guard let share = try ShareLedger.share(of: origin.certificateID, in: reader),
                share.recipientCertificateID == entry.id
            else { return [] }
            return [share]
        }
        return try ShareLedger.share(of: entry.id, in: reader).map { [$0] } ?? []
    }

    /// Both identities verified, equal in name and kind; both accounts on one site.
    static func checkSameIdentity(owner: Account, recipient: Account) throws(DomainError) {
        guard owner.verifiedIdentity.isVerified else { throw .identityNotVerified(accountID: owner.id) }
        guard recipient.verifiedIdentity.isVerified else { throw .identityNotVerified(accountID: recipient.id) }
        guard owner.verifiedIdentity.name == recipient.verifiedIdentity.name,
            owner.verifiedIdentity.kind == recipient.verifiedIdentity.kind
        else { throw .identityMismatch(recipient: recipient.id) }
        guard owner.site == recipient.site else { throw .siteMismatch(recipient: recipient.id) }
    }

    /// The original's name when the recipient has no entry of that name, else it with the owner
    /// appended (and, if that is taken too, the original's id).
    static func freeName(
        for original: CertificateEntry, owner: AccountID, recipient: AccountID, in reader: any InventoryReader
    ) throws -> String {
        let candidates = [
            original.name, "\(original.name.prefix(90)) (shared by \(owner))",
            "\(original.name.prefix(80)) (\(original.id))",
        ]
        for name in candidates {
            if try reader.certificate(owner: recipient, name: name) == nil { return name }
        }
        return "\(original.id) \(CertificateID.generate())"
    }
}
