import Foundation
import Synchronization

/// The in-memory implementation of ``InventoryStore``: the reference semantics of the port.
///
/// Role: backs domain tests and any test target that needs a store without LMDB; it is also what
/// ``InventoryStoreConformance`` compares other implementations against. Not for production (no
/// durability).
/// Invariants: the whole inventory is one value (`State`); a write body runs on a private copy that
/// replaces the shared state only when the body returns, so a throwing body leaves nothing behind.
/// Reads take a copy-on-write snapshot and run without holding the lock.
/// Isolation: a `Mutex` guards the state; writers are serialised by it, readers only touch it to
/// take their snapshot.
public final class InMemoryInventoryStore: InventoryStore {
    private let state = Mutex(State())

    public init() {}

    public func read<T>(_ body: (any InventoryReader) throws -> T) throws -> T {
        let snapshot = self.state.withLock { $0 }
        return try body(Transaction(state: snapshot))
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any InventoryWriter) throws -> T) async throws -> T {
        try self.state.withLock { state throws -> T in
            let transaction = Transaction(state: state)
            let result = try body(transaction)
            state = transaction.state
            return result
        }
    }

    /// Rewrites a stored audit event in place, bypassing the append-only rule: for tests that check
    /// tamper detection only.
    /// - Parameters:
    ///   - sequence: the event to change.
    ///   - change: the edit.
    /// - Returns: whether the event existed.
    @discardableResult
    public func tamperWithAuditEvent(sequence: UInt64, _ change: (inout AuditEvent) -> Void) -> Bool {
        self.state.withLock { state in
            guard sequence >= 1, sequence <= UInt64(state.audit.count) else { return false }
            change(&state.audit[Int(sequence - 1)])
            return true
        }
    }
}

extension InMemoryInventoryStore {
    /// Key of the (owner, name) unique index: the name as bytes, so equality is byte equality.
    struct NameKey: Hashable {
        var owner: AccountID
        var name: [UInt8]
    }

    /// Everything the store holds, as one value.
    struct State: Sendable {
        var accounts: [AccountID: Account] = [:]
        var accountByFingerprint: [String: AccountID] = [:]
        var certificates: [CertificateID: CertificateEntry] = [:]
        var certificateByName: [NameKey: CertificateID] = [:]
        var csrs: [CSRID: CSREntry] = [:]
        /// Index `i` holds sequence `i + 1`.
        var audit: [AuditEvent] = []
        var documents: [DocumentCollection: [String: StoredDocument]] = [:]
    }

    /// A snapshot (read) or a private working copy (write).
    final class Transaction: InventoryWriter {
        var state: State

        init(state: State) { self.state = state }

        // MARK: Accounts

        func account(id: AccountID) throws -> Account? { self.state.accounts[id] }

        func account(byClientFingerprint fingerprint: String) throws -> Account? {
            self.state.accountByFingerprint[fingerprint].flatMap { self.state.accounts[$0] }
        }

        func listAccounts(after: AccountID?, limit: Int) throws -> [Account] {
            let ids = self.state.accounts.keys.filter { after == nil || after! < $0 }.sorted()
            return ids.prefix(max(limit, 0)).compactMap { self.state.accounts[$0] }
        }

        func putAccount(_ account: Account) throws {
            for fingerprint in account.clientCertificateFingerprints {
                if let holder = self.state.accountByFingerprint[fingerprint], holder != account.id {
                    throw InventoryStoreError.duplicateKey(.clientCertificateFingerprint(fingerprint))
                }
            }
            if let old = self.state.accounts[account.id] {
                for fingerprint in old.clientCertificateFingerprints {
                    self.state.accountByFingerprint[fingerprint] = nil
                }
            }
            for fingerprint in account.clientCertificateFingerprints {
                self.state.accountByFingerprint[fingerprint] = account.id
            }
            self.state.accounts[account.id] = account
        }

        func deleteAccount(id: AccountID) throws -> Bool {
            guard let old = self.state.accounts.removeValue(forKey: id) else { return false }
            for fingerprint in old.clientCertificateFingerprints {
                self.state.accountByFingerprint[fingerprint] = nil
            }
            return true
        }

        // MARK: Certificates

        func certificate(id: CertificateID) throws -> CertificateEntry? { self.state.certificates[id] }

        func certificate(owner: AccountID, name: String) throws -> CertificateEntry? {
            self.state.certificateByName[NameKey(owner: owner, name: Array(name.utf8))]
                .flatMap { self.state.certificates[$0] }
        }

        func certificates(owner: AccountID, fingerprintSHA256: String) throws -> [CertificateEntry] {
            self.state.certificates.values
                .filter {
                    $0.ownerAccountID == owner
                        && $0.details.fingerprintSHA256.utf8.elementsEqual(fingerprintSHA256.utf8)
                }
                .sorted { $0.id < $1.id }
        }

        func listCertificates(_ query: CertificateQuery) throws -> CertificatePage {
            let matching = self.state.certificates.values
                .filter { query.matches($0) && query.isAfterCursor($0) }
                .sorted { query.sortPrecedes($0, $1) }
            let limit = max(query.limit, 1)
            let page = Array(matching.prefix(limit))
            let next =
                matching.count > limit ? page.last.map { CertificateCursor(entry: $0, field: query.sort.field) } : nil
            return CertificatePage(entries: page, next: next)
        }

        func countCertificates(owner: AccountID, now: Date) throws -> CertificateSummary {
            var summary = CertificateSummary()
            let n = now.unixSeconds
            for entry in self.state.certificates.values where entry.ownerAccountID == owner {
                summary.total += 1
                summary.bySource[entry.source, default: 0] += 1
                let a = entry.details.notAfter.unixSeconds
                if a < n {
                    summary.expired += 1
                    continue
                }
                if a <= n + 30 * 86_400 { summary.expiringWithin30 += 1 } else { summary.valid += 1 }
                if a <= n + 60 * 86_400 { summary.expiringWithin60 += 1 }
                if a <= n + 90 * 86_400 { summary.expiringWithin90 += 1 }
            }
            return summary
        }

        func putCertificate(_ entry: CertificateEntry) throws {
            let key = NameKey(owner: entry.ownerAccountID, name: Array(entry.name.utf8))
            if let holder = self.state.certificateByName[key], holder != entry.id {
                throw InventoryStoreError.duplicateKey(.certificateName(owner: entry.ownerAccountID, name: entry.name))
            }
            if let old = self.state.certificates[entry.id] {
                self.state.certificateByName[NameKey(owner: old.ownerAccountID, name: Array(old.name.utf8))] = nil
            }
            self.state.certificateByName[key] = entry.id
            self.state.certificates[entry.id] = entry
        }

        func deleteCertificate(id: CertificateID) throws -> Bool {
            guard let old = self.state.certificates.removeValue(forKey: id) else { return false }
            self.state.certificateByName[NameKey(owner: old.ownerAccountID, name: Array(old.name.utf8))] = nil
            return true
        }

        // MARK: CSRs

        func csr(id: CSRID) throws -> CSREntry? { self.state.csrs[id] }

        func listCSRs(owner: AccountID, after: CSRID?, limit: Int) throws -> [CSREntry] {
            let entries = self.state.csrs.values
                .filter { $0.ownerAccountID == owner && (after == nil || after! < $0.id) }
                .sorted { $0.id < $1.id }
            return Array(entries.prefix(max(limit, 0)))
        }

        func putCSR(_ entry: CSREntry) throws { self.state.csrs[entry.id] = entry }

        func deleteCSR(id: CSRID) throws -> Bool { self.state.csrs.removeValue(forKey: id) != nil }

        // MARK: Audit

        func auditEvents(_ query: AuditQuery) throws -> [AuditEvent] {
            var result: [AuditEvent] = []
            for event in self.state.audit.reversed() where query.matches(event) {
                result.append(event)
                if result.count >= query.limit { break }
            }
            return result
        }

        func auditEvents(fromSequence from: UInt64, limit: Int) throws -> [AuditEvent] {
            let start = Int(max(from, 1) - 1)
            guard start < self.state.audit.count else { return [] }
            return Array(self.state.audit[start...].prefix(max(limit, 0)))
        }

        func lastAuditEvent() throws -> AuditEvent? { self.state.audit.last }

        func appendAudit(_ event: AuditEvent) throws {
            let expected = UInt64(self.state.audit.count) + 1
            guard event.sequence == expected else {
                throw InventoryStoreError.auditSequenceConflict(expected: expected, actual: event.sequence)
            }
            self.state.audit.append(event)
        }
    }
}
