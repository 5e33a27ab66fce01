import CertDomain
import Foundation

/// The port's reader and writer on top of one LMDB transaction.
///
/// Role: implements ``InventoryWriter`` (and so ``InventoryReader``) for `LMDBInventoryStore`: records go to
/// their primary table and every secondary index entry is written, replaced or deleted in the same
/// transaction (see `InventoryTables` for the key layout). Read transactions use the same type; a write
/// call on them fails with `InventoryStoreError.unavailable`.
/// Invariants: lives only inside the `read`/`write` body it was handed to (it wraps an `LMDBTransaction`);
/// LMDB errors leave as `InventoryStoreError` (map full as `.storageFull`), undecodable values as
/// `.corruptRecord`.
/// Isolation: not `Sendable`; the thread running the transaction owns it.
final class LMDBInventoryTransaction: InventoryWriter {
    let transaction: LMDBTransaction
    let tables: InventoryTables
    /// Up to this many candidates from a tag or resource-group index are loaded and sorted in memory for
    /// a name/createdAt listing; above it the sort index is scanned in order with the filter applied to
    /// each record instead (the filter then matches often enough that a page fills quickly).
    let gatherLimit: Int

    init(transaction: LMDBTransaction, tables: InventoryTables, gatherLimit: Int = 4096) {
        self.transaction = transaction
        self.tables = tables
        self.gatherLimit = gatherLimit
    }

    // MARK: Error mapping

    /// Runs a storage step, translating LMDB failures into the port's vocabulary.
    func storage<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as LMDBError {
            throw Self.portError(error)
        }
    }

    static func portError(_ error: LMDBError) -> InventoryStoreError {
        switch error {
        case .mapFull, .storageFull: return .storageFull
        default: return .unavailable(reason: error.description)
        }
    }

    /// Decodes the record under `key`, or nil if absent.
    func record<R>(
        _ database: LMDBDatabase,
        _ key: [UInt8],
        _ decode: (UnsafeRawBufferPointer) throws(RecordDecodingError) -> R
    ) throws -> R? {
        try self.storage {
            try self.transaction.withValue(in: database, forKey: key) { bytes in
                do {
                    return try decode(bytes)
                } catch {
                    throw InventoryStoreError.corruptRecord(table: database.name, key: Self.printable(key))
                }
            }
        }
    }

    /// A key for messages: UTF-8 when printable, hex otherwise.
    static func printable(_ key: [UInt8]) -> String {
        if key.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return String(decoding: key, as: UTF8.self)
        }
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(key.count * 2)
        for byte in key {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    // MARK: Accounts

    func account(id: AccountID) throws -> Account? {
        try self.record(self.tables.accounts, Array(id.rawValue.utf8), Account.init(record:))
    }

    func account(byClientFingerprint fingerprint: String) throws -> Account? {
        guard
            let id = try self.storage({
                try self.transaction.get(self.tables.accountsByClientFingerprint, Array(fingerprint.utf8))
            })
        else { return nil }
        return try self.record(self.tables.accounts, id, Account.init(record:))
    }

    func listAccounts(after: AccountID?, limit: Int) throws -> [Account] {
        var accounts: [Account] = []
        let limit = max(1, limit)
        try self.storage {
            try self.transaction.scan(
                self.tables.accounts,
                range: LMDBKeyRange(lower: [], upper: nil),
                resumeAfter: after.map { Array($0.rawValue.utf8) }
            ) { key, value in
                do {
                    accounts.append(try Account(record: value))
                } catch {
                    throw InventoryStoreError.corruptRecord(
                        table: self.tables.accounts.name, key: Self.printable(Array(key)))
                }
                return accounts.count < limit
            }
        }
        return accounts
    }

    func putAccount(_ account: Account) throws {
        let id = Array(account.id.rawValue.utf8)
        for fingerprint in account.clientCertificateFingerprints {
            let holder = try self.storage {
                try self.transaction.get(self.tables.accountsByClientFingerprint, Array(fingerprint.utf8))
            }
            if let holder, holder != id {
                throw InventoryStoreError.duplicateKey(.clientCertificateFingerprint(fingerprint))
            }
        }
        let previous = try self.account(id: account.id)
        try self.storage {
            if let previous {
                for fingerprint in previous.clientCertificateFingerprints
                where !account.clientCertificateFingerprints.contains(fingerprint) {
                    try self.transaction.delete(self.tables.accountsByClientFingerprint, Array(fingerprint.utf8))
                }
            }
            try self.transaction.put(self.tables.accounts, id, account.encodeRecord())
            for fingerprint in account.clientCertificateFingerprints {
                try self.transaction.put(self.tables.accountsByClientFingerprint, Array(fingerprint.utf8), id)
            }
        }
    }

    @discardableResult
    func deleteAccount(id: AccountID) throws -> Bool {
        guard let previous = try self.account(id: id) else { return false }
        let idBytes = Array(id.rawValue.utf8)
        try self.storage {
            for fingerprint in previous.clientCertificateFingerprints {
                let key = Array(fingerprint.utf8)
                if try self.transaction.get(self.tables.accountsByClientFingerprint, key) == idBytes {
                    try self.transaction.delete(self.tables.accountsByClientFingerprint, key)
                }
            }
            try self.transaction.delete(self.tables.accounts, idBytes)
        }
        return true
    }

    // MARK: Certificates

    func certificate(id: CertificateID) throws -> CertificateEntry? {
        try self.record(self.tables.certs, Array(id.rawValue.utf8), CertificateEntry.init(record:))
    }

    /// Loads the certificate whose id is `idBytes` (an index value).
    func certificate(idBytes: [UInt8]) throws -> CertificateEntry? {
        try self.record(self.tables.certs, idBytes, CertificateEntry.init(record:))
    }

    func certificate(owner: AccountID, name: String) throws -> CertificateEntry? {
        let key = CertificateIndexEntry.nameKey(owner: owner.rawValue, name: name)
        guard let id = try self.storage({ try self.transaction.get(self.tables.certsByOwnerName, key) }) else {
            return nil
        }
        return try self.certificate(idBytes: id)
    }

    func certificates(owner: AccountID, fingerprintSHA256: String) throws -> [CertificateEntry] {
        let ids = try self.indexValues(
            self.tables.certsByOwnerFingerprint, prefix: StoreKey.strings(owner.rawValue, fingerprintSHA256))
        return try ids.compactMap { try self.certificate(idBytes: $0) }
    }

    func certificateIDs(owner: AccountID, fingerprintSHA256: String) throws -> [CertificateID] {
        // Index values only: an upload of a certificate held by thousands of entries must not decode them all.
        try self.indexValues(
            self.tables.certsByOwnerFingerprint, prefix: StoreKey.strings(owner.rawValue, fingerprintSHA256)
        ).map { CertificateID(rawValue: String(decoding: $0, as: UTF8.self)) }
    }

    /// The values (record ids) of every index entry under `prefix`, in key order.
    func indexValues(_ database: LMDBDatabase, prefix: [UInt8]) throws -> [[UInt8]] {
        var values: [[UInt8]] = []
        try self.storage {
            try self.transaction.scan(database, range: LMDBKeyRange(prefix: prefix)) { _, value in
                values.append(Array(value))
                return true
            }
        }
        return values
    }

    func putCertificate(_ entry: CertificateEntry) throws {
        let id = Array(entry.id.rawValue.utf8)
        let nameKey = CertificateIndexEntry.nameKey(owner: entry.ownerAccountID.rawValue, name: entry.name)
        if let holder = try self.storage({ try self.transaction.get(self.tables.certsByOwnerName, nameKey) }),
            holder != id
        {
            throw InventoryStoreError.duplicateKey(.certificateName(owner: entry.ownerAccountID, name: entry.name))
        }
        let previous = try self.certificate(idBytes: id)
        try self.storage {
            if let previous {
                for index in CertificateIndexEntry.all(for: previous, tables: self.tables) {
                    try self.transaction.delete(index.database, index.key)
                }
            }
            try self.transaction.put(self.tables.certs, id, entry.encodeRecord())
            for index in CertificateIndexEntry.all(for: entry, tables: self.tables) {
                try self.transaction.put(index.database, index.key, id)
            }
        }
    }

    @discardableResult
    func deleteCertificate(id: CertificateID) throws -> Bool {
        let idBytes = Array(id.rawValue.utf8)
        guard let previous = try self.certificate(idBytes: idBytes) else { return false }
        try self.storage {
            for index in CertificateIndexEntry.all(for: previous, tables: self.tables) {
                try self.transaction.delete(index.database, index.key)
            }
            try self.transaction.delete(self.tables.certs, idBytes)
        }
        return true
    }

    // MARK: CSRs

    func csr(id: CSRID) throws -> CSREntry? {
        try self.record(self.tables.csrs, Array(id.rawValue.utf8), CSREntry.init(record:))
    }

    func listCSRs(owner: AccountID, after: CSRID?, limit: Int) throws -> [CSREntry] {
        var ids: [[UInt8]] = []
        let limit = max(1, limit)
        try self.storage {
            try self.transaction.scan(
                self.tables.csrsByOwner,
                range: LMDBKeyRange(prefix: StoreKey.strings(owner.rawValue)),
                resumeAfter: after.map { StoreKey.strings(owner.rawValue, $0.rawValue) }
            ) { _, value in
                ids.append(Array(value))
                return ids.count < limit
            }
        }
        return try ids.compactMap { try self.record(self.tables.csrs, $0, CSREntry.init(record:)) }
    }

    func putCSR(_ entry: CSREntry) throws {
        let id = Array(entry.id.rawValue.utf8)
        let previous = try self.record(self.tables.csrs, id, CSREntry.init(record:))
        try self.storage {
            if let previous, previous.ownerAccountID != entry.ownerAccountID {
                try self.transaction.delete(
                    self.tables.csrsByOwner, StoreKey.strings(previous.ownerAccountID.rawValue, previous.id.rawValue))
            }
            try self.transaction.put(self.tables.csrs, id, entry.encodeRecord())
            try self.transaction.put(
                self.tables.csrsByOwner, StoreKey.strings(entry.ownerAccountID.rawValue, entry.id.rawValue), id)
        }
    }

    @discardableResult
    func deleteCSR(id: CSRID) throws -> Bool {
        let idBytes = Array(id.rawValue.utf8)
        guard let previous = try self.record(self.tables.csrs, idBytes, CSREntry.init(record:)) else { return false }
        try self.storage {
            try self.transaction.delete(
                self.tables.csrsByOwner, StoreKey.strings(previous.ownerAccountID.rawValue, previous.id.rawValue))
            try self.transaction.delete(self.tables.csrs, idBytes)
        }
        return true
    }

    // MARK: Audit

    func auditEvents(_ query: AuditQuery) throws -> [AuditEvent] {
        var events: [AuditEvent] = []
        let limit = max(1, query.limit)
        try self.storage {
            try self.transaction.scan(
                self.tables.audit,
                range: LMDBKeyRange(lower: [], upper: nil),
                direction: .reverse,
                resumeAfter: query.beforeSequence.map(StoreKey.sequence)
            ) { key, value in
                let event: AuditEvent
                do {
                    event = try AuditEvent(record: value)
                } catch {
                    throw InventoryStoreError.corruptRecord(
                        table: self.tables.audit.name, key: Self.printable(Array(key)))
                }
                if query.matches(event) {
                    events.append(event)
                }
                return events.count < limit
            }
        }
        return events
    }

    func auditEvents(fromSequence from: UInt64, limit: Int) throws -> [AuditEvent] {
        var events: [AuditEvent] = []
        let limit = max(1, limit)
        try self.storage {
            try self.transaction.scan(
                self.tables.audit, range: LMDBKeyRange(lower: StoreKey.sequence(from), upper: nil)
            ) { key, value in
                do {
                    events.append(try AuditEvent(record: value))
                } catch {
                    throw InventoryStoreError.corruptRecord(
                        table: self.tables.audit.name, key: Self.printable(Array(key)))
                }
                return events.count < limit
            }
        }
        return events
    }

    func lastAuditEvent() throws -> AuditEvent? {
        try self.auditEvents(AuditQuery(limit: 1)).first
    }

    /// The highest stored sequence, 0 for an empty log (reads only the last key).
    func lastAuditSequence() throws -> UInt64 {
        var last: UInt64 = 0
        try self.storage {
            try self.transaction.scan(
                self.tables.audit, range: LMDBKeyRange(lower: [], upper: nil), direction: .reverse
            ) { key, _ in
                last = StoreKey.decodeSequence(key) ?? 0
                return false
            }
        }
        return last
    }

    func appendAudit(_ event: AuditEvent) throws {
        let expected = try self.lastAuditSequence() + 1
        guard event.sequence == expected else {
            throw InventoryStoreError.auditSequenceConflict(expected: expected, actual: event.sequence)
        }
        try self.storage {
            try self.transaction.put(
                self.tables.audit, StoreKey.sequence(event.sequence), event.encodeRecord(), overwrite: false)
        }
    }
}

@available(*, unavailable)
extension LMDBInventoryTransaction: Sendable {}
