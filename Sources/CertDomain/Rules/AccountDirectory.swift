import Foundation

/// The account rules: authentication by client certificate, creation and updates by admins.
///
/// Role: the domain's entry point for accounts. Mutations check and write inside one store write
/// transaction (with their audit event); reads are `nonisolated` and run on store snapshots
/// concurrently, never queueing behind writes.
/// Invariants: account ids are unique; a client-certificate fingerprint belongs to at most one
/// account; only admins create, update or bind; a user sees only its own account, and asking for
/// another account answers ``DomainError/accountNotFound(id:)``.
/// Isolation: an actor; it holds no mutable state of its own (the store does), which is why
/// concurrent calls may interleave at their `await store.write` and still cannot race: each
/// decision is made inside its own transaction.
public actor AccountDirectory {
    let domainStore: DomainStore

    /// - Parameters:
    ///   - store: the inventory store.
    ///   - clock: the wall clock (creation times, audit times).
    public init(store: any InventoryStore, clock: any WallClock) {
        self.domainStore = DomainStore(store: store, clock: clock)
    }

    // MARK: Reads

    /// Finds the account a client certificate authenticates as.
    /// - Parameters:
    ///   - clientFingerprint: SHA-256 of the client certificate's DER (hex, any case, colons allowed).
    ///   - requestID: the RPC's request id, carried into audit events.
    /// - Returns: the caller.
    /// - Throws: ``DomainError/unauthenticated`` when no account holds the fingerprint.
    public nonisolated func authenticate(clientFingerprint: String, requestID: String) throws(DomainError) -> Caller {
        guard let fingerprint = Self.normalizedFingerprint(clientFingerprint) else { throw .unauthenticated }
        guard let account = try self.domainStore.read({ try $0.account(byClientFingerprint: fingerprint) }) else {
            throw .unauthenticated
        }
        return Caller(accountID: account.id, role: account.role, requestID: requestID)
    }

    /// One account.
    /// - Returns: the account, when it exists and the caller may see it (admins: all; users: itself).
    /// - Throws: ``DomainError/accountNotFound(id:)`` when it does not exist or is not visible.
    public nonisolated func account(_ caller: Caller, id: AccountID) throws(DomainError) -> Account {
        guard caller.isAdmin || caller.accountID == id,
            let account = try self.domainStore.read({ try $0.account(id: id) })
        else { throw .accountNotFound(id: id) }
        return account
    }

    /// Accounts in id order (admins: all; users: only their own).
    /// - Parameters:
    ///   - after: continue after this id (nil: from the start).
    ///   - limit: clamped to 1...1000.
    /// - Returns: one page.
    public nonisolated func listAccounts(_ caller: Caller, after: AccountID? = nil, limit: Int = 100)
        throws(DomainError) -> [Account]
    {
        guard caller.isAdmin else {
            guard after == nil || after! < caller.accountID else { return [] }
            return try self.domainStore.read { try $0.account(id: caller.accountID) }.map { [$0] } ?? []
        }
        return try self.domainStore.read { try $0.listAccounts(after: after, limit: min(max(limit, 1), 1000)) }
    }

    // MARK: Mutations

    /// Creates the first admin of an empty store (certd's first start). No caller: there is nobody yet.
    /// - Parameters:
    ///   - account: the admin to create (its role is forced to admin).
    ///   - requestID: recorded in the audit event.
    /// - Returns: the stored account.
    /// - Throws: ``DomainError/accountAlreadyExists(id:)`` when any account exists already.
    public func createInitialAdmin(_ account: NewAccount, requestID: String = "init") async throws(DomainError)
        -> Account
    {
        var account = account
        account.role = .admin
        let stored = try account.validated(createdAt: self.domainStore.clock.now())
        let caller = Caller(accountID: stored.id, role: .admin, requestID: requestID)
        let time = self.domainStore.clock.now()
        return try await self.domainStore.write { writer in
            if let existing = try writer.listAccounts(after: nil, limit: 1).first {
                throw DomainError.accountAlreadyExists(id: existing.id)
            }
            try writer.putAccount(stored)
            try AuditTrail.append(
                to: writer, time: time, caller: caller, action: .accountCreated, target: stored.id.rawValue)
            return stored
        }
    }

    /// Creates an account (admins only).
    /// - Returns: the stored account.
    /// - Throws: ``DomainError/permissionDenied`` for non-admins, ``DomainError/accountAlreadyExists(id:)``,
    ///   ``DomainError/clientCertificateAlreadyBound(fingerprint:)``, ``DomainError/invalidArgument(field:detail:)``.
    public func createAccount(_ caller: Caller, _ account: NewAccount) async throws(DomainError) -> Account {
        let time = self.domainStore.clock.now()
        return try await self.domainStore.audited(caller, .accountCreated, target: account.id) {
            () async throws(DomainError) -> Account in
            let stored = try account.validated(createdAt: time)
            return try await self.domainStore.write { writer in
                try Self.requireAdmin(caller, in: writer)
                if try writer.account(id: stored.id) != nil { throw DomainError.accountAlreadyExists(id: stored.id) }
                try writer.putAccount(stored)
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .accountCreated, target: stored.id.rawValue)
                return stored
            }
        }
    }

    /// Changes an account's display name, identity, site or role (admins only).
    /// - Returns: the updated account.
    /// - Throws: ``DomainError/permissionDenied`` for a user changing itself, ``DomainError/accountNotFound(id:)``
    ///   for a user naming another account or an unknown id, ``DomainError/invalidArgument(field:detail:)``.
    public func updateAccount(_ caller: Caller, id: AccountID, _ update: AccountUpdate) async throws(DomainError)
        -> Account
    {
        let time = self.domainStore.clock.now()
        return try await self.domainStore.audited(caller, .accountUpdated, target: id.rawValue) {
            () async throws(DomainError) -> Account in
            if let name = update.displayName { try NewAccount.checkDisplayName(name) }
            return try await self.domainStore.write { writer in
                guard caller.isAdmin || caller.accountID == id, var account = try writer.account(id: id) else {
                    throw DomainError.accountNotFound(id: id)
                }
                try Self.requireAdmin(caller, in: writer)
                if let displayName = update.displayName { account.displayName = displayName }
                if let identity = update.verifiedIdentity { account.verifiedIdentity = identity }
                if let site = update.site { account.site = site }
                if let role = update.role { account.role = role }
                try writer.putAccount(account)
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .accountUpdated, target: id.rawValue)
                return account
            }
        }
    }

    /// Binds a client certificate (by SHA-256 fingerprint) to an account (admins only).
    /// - Returns: the updated account (unchanged if the fingerprint was already its own).
    /// - Throws: ``DomainError/clientCertificateAlreadyBound(fingerprint:)`` when another account holds it,
    ///   ``DomainError/invalidArgument(field:detail:)`` for a malformed fingerprint, the errors of
    ///   ``updateAccount(_:id:_:)`` for the caller and target.
    public func bindClientCertificate(_ caller: Caller, accountID: AccountID, fingerprint: String)
        async throws(DomainError) -> Account
    {
        let time = self.domainStore.clock.now()
        return try await self.domainStore.audited(caller, .clientCertificateBound, target: accountID.rawValue) {
            () async throws(DomainError) -> Account in
            guard let fingerprint = Self.normalizedFingerprint(fingerprint) else {
                throw .invalidArgument(field: "fingerprint", detail: "expected 64 hex digits (SHA-256)")
            }
            return try await self.domainStore.write { writer in
                guard caller.isAdmin || caller.accountID == accountID, var account = try writer.account(id: accountID)
                else {
                    throw DomainError.accountNotFound(id: accountID)
                }
                try Self.requireAdmin(caller, in: writer)
                if let holder = try writer.account(byClientFingerprint: fingerprint), holder.id != accountID {
                    throw DomainError.clientCertificateAlreadyBound(fingerprint: fingerprint)
                }
                if !account.clientCertificateFingerprints.contains(fingerprint) {
                    account.clientCertificateFingerprints.append(fingerprint)
                    try writer.putAccount(account)
                }
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .clientCertificateBound, target: accountID.rawValue,
                    details: ["fingerprint": fingerprint])
                return account
            }
        }
    }

    // MARK: Rules

    /// Re-reads the caller inside the transaction: a demoted or deleted admin cannot act.
    static func requireAdmin(_ caller: Caller, in reader: any InventoryReader) throws {
        guard caller.isAdmin, try reader.account(id: caller.accountID)?.role == .admin else {
            throw DomainError.permissionDenied
        }
    }

    /// Lowercase hex without separators, or nil when it is not 32 bytes of hex.
    static func normalizedFingerprint(_ text: String) -> String? {
        // Every call authenticates, and the TLS layer already hands over this form: accept it
        // without building two new strings per call.
        if text.utf8.count == 64, text.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) {
            return text
        }
        let hex = text.lowercased().filter { $0 != ":" }
        guard hex.utf8.count == 64, hex.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            return nil
        }
        return hex
    }
}
