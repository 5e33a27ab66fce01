import CertDomain

extension LMDBInventoryStore {
    /// Checks, on one read snapshot, that every index entry points to an existing record that would
    /// produce exactly that entry, that every record has all its index entries, that records decode and
    /// sit under their own key, and that audit sequences run 1, 2, 3, ... without gaps.
    ///
    /// Reads the whole store (one pass over records, one over each index); meant for tests, after
    /// crashes and for an admin "verify" operation, not for hot paths.
    /// - Returns: every inconsistency found; empty when the store is consistent.
    /// - Throws: ``InventoryStoreError`` if the snapshot cannot be read.
    public func checkConsistency() throws -> [Inconsistency] {
        do {
            return try self.environment.runTransaction(.read) { transaction in
                var checker = ConsistencyChecker(transaction: transaction, tables: self.tables)
                try checker.checkCertificates()
                try checker.checkAccounts()
                try checker.checkCSRs()
                try checker.checkAudit()
                return checker.found
            }
        } catch let error as LMDBError {
            throw LMDBInventoryTransaction.portError(error)
        }
    }
}

/// One consistency-check pass over a read transaction. Lives only inside `checkConsistency()`.
private struct ConsistencyChecker {
    let transaction: LMDBTransaction
    let tables: InventoryTables
    var found: [Inconsistency] = []

    private static func all(_: LMDBDatabase) -> LMDBKeyRange { LMDBKeyRange(lower: [], upper: nil) }
    private static func show(_ bytes: UnsafeRawBufferPointer) -> String {
        LMDBInventoryTransaction.printable(Array(bytes))
    }
    private static func show(_ bytes: [UInt8]) -> String { LMDBInventoryTransaction.printable(bytes) }

    mutating func checkCertificates() throws {
        var found: [Inconsistency] = []
        let tables = self.tables
        let transaction = self.transaction
        try transaction.scan(tables.certs, range: Self.all(tables.certs)) { key, value in
            guard let entry = try? CertificateEntry(record: value) else {
                found.append(.undecodableRecord(table: tables.certs.name, key: Self.show(key)))
                return true
            }
            let id = Array(entry.id.rawValue.utf8)
            if compareKeys(key, id) != 0 {
                found.append(.recordKeyMismatch(table: tables.certs.name, key: Self.show(key)))
            }
            for index in CertificateIndexEntry.all(for: entry, tables: tables)
            where try transaction.get(index.database, index.key) != id {
                found.append(
                    .missingIndexEntry(
                        index: index.database.name, key: Self.show(index.key), recordID: entry.id.rawValue))
            }
            return true
        }
        for index in tables.certificateIndexes {
            try transaction.scan(index, range: Self.all(index)) { key, value in
                let record = try transaction.withValue(in: tables.certs, forKey: Array(value)) {
                    try? CertificateEntry(record: $0)
                }
                guard let entry = record ?? nil,
                    CertificateIndexEntry.all(for: entry, tables: tables).contains(where: {
                        $0.database == index && compareKeys(key, $0.key) == 0
                    })
                else {
                    found.append(.danglingIndexEntry(index: index.name, key: Self.show(key)))
                    return true
                }
                return true
            }
        }
        self.found += found
    }

    mutating func checkAccounts() throws {
        var found: [Inconsistency] = []
        let tables = self.tables
        let transaction = self.transaction
        try transaction.scan(tables.accounts, range: Self.all(tables.accounts)) { key, value in
            guard let account = try? Account(record: value) else {
                found.append(.undecodableRecord(table: tables.accounts.name, key: Self.show(key)))
                return true
            }
            let id = Array(account.id.rawValue.utf8)
            if compareKeys(key, id) != 0 {
                found.append(.recordKeyMismatch(table: tables.accounts.name, key: Self.show(key)))
            }
            for fingerprint in account.clientCertificateFingerprints
            where try transaction.get(tables.accountsByClientFingerprint, Array(fingerprint.utf8)) != id {
                found.append(
                    .missingIndexEntry(
                        index: tables.accountsByClientFingerprint.name, key: fingerprint, recordID: account.id.rawValue)
                )
            }
            return true
        }
        try transaction.scan(tables.accountsByClientFingerprint, range: Self.all(tables.accountsByClientFingerprint)) {
            key, value in
            let fingerprint = String(decoding: key, as: UTF8.self)
            let record = try transaction.withValue(in: tables.accounts, forKey: Array(value)) {
                try? Account(record: $0)
            }
            guard let account = record ?? nil, account.clientCertificateFingerprints.contains(fingerprint) else {
                found.append(.danglingIndexEntry(index: tables.accountsByClientFingerprint.name, key: Self.show(key)))
                return true
            }
            return true
        }
        self.found += found
    }

    mutating func checkCSRs() throws {
        var found: [Inconsistency] = []
        let tables = self.tables
        let transaction = self.transaction
        try transaction.scan(tables.csrs, range: Self.all(tables.csrs)) { key, value in
            guard let entry = try? CSREntry(record: value) else {
                found.append(.undecodableRecord(table: tables.csrs.name, key: Self.show(key)))
                return true
            }
            let id = Array(entry.id.rawValue.utf8)
            if compareKeys(key, id) != 0 {
                found.append(.recordKeyMismatch(table: tables.csrs.name, key: Self.show(key)))
            }
            let indexKey = StoreKey.strings(entry.ownerAccountID.rawValue, entry.id.rawValue)
            if try transaction.get(tables.csrsByOwner, indexKey) != id {
                found.append(
                    .missingIndexEntry(
                        index: tables.csrsByOwner.name, key: Self.show(indexKey), recordID: entry.id.rawValue))
            }
            return true
        }
        try transaction.scan(tables.csrsByOwner, range: Self.all(tables.csrsByOwner)) { key, value in
            let record = try transaction.withValue(in: tables.csrs, forKey: Array(value)) { try? CSREntry(record: $0) }
            guard let entry = record ?? nil,
                compareKeys(key, StoreKey.strings(entry.ownerAccountID.rawValue, entry.id.rawValue)) == 0
            else {
                found.append(.danglingIndexEntry(index: tables.csrsByOwner.name, key: Self.show(key)))
                return true
            }
            return true
        }
        self.found += found
    }

    mutating func checkAudit() throws {
        var found: [Inconsistency] = []
        let tables = self.tables
        var expected: UInt64 = 1
        try self.transaction.scan(tables.audit, range: Self.all(tables.audit)) { key, value in
            guard let event = try? AuditEvent(record: value) else {
                found.append(.undecodableRecord(table: tables.audit.name, key: Self.show(key)))
                return true
            }
            if StoreKey.decodeSequence(key) != event.sequence {
                found.append(.recordKeyMismatch(table: tables.audit.name, key: Self.show(key)))
            }
            if event.sequence != expected {
                found.append(.auditSequenceGap(expected: expected, found: event.sequence))
            }
            expected = event.sequence + 1
            return true
        }
        self.found += found
    }
}
