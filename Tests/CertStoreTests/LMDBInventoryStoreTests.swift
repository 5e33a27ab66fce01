import CertDomain
import CertTestSupport
import Foundation
import Testing

@testable import CertStore

@Suite("LMDBInventoryStore")
struct LMDBInventoryStoreTests {
    typealias F = InventoryFixtures

    static func open(_ directory: String, _ configuration: LMDBInventoryStore.Configuration = F.configuration) throws
        -> LMDBInventoryStore
    {
        try LMDBInventoryStore(directory: directory, configuration: configuration)
    }

    @Test("close and reopen: accounts, certificates, CSRs and audit events are all there")
    func reopen() async throws {
        try await withTemporaryDirectory { directory in
            let certificates = (0..<50).map { F.certificate("cert-\($0)", tags: ["env": "prod"]) }
            do {
                let store = try Self.open(directory)
                try await store.write { writer in
                    try writer.putAccount(F.account("alice", fingerprints: [String(repeating: "a", count: 64)]))
                    for entry in certificates { try writer.putCertificate(entry) }
                    try writer.putCSR(F.csr("csr-1"))
                    for sequence in 1...3 { try writer.appendAudit(F.auditEvent(UInt64(sequence))) }
                }
                store.close()
                #expect(throws: InventoryStoreError.self) { try store.read { _ in } }
            }
            let store = try Self.open(directory)
            defer { store.close() }
            let (account, loaded, csr, audit) = try store.read { reader in
                (
                    try reader.account(byClientFingerprint: String(repeating: "a", count: 64)),
                    try certificates.map { try reader.certificate(id: $0.id) },
                    try reader.csr(id: CSRID(rawValue: "csr-1")),
                    try reader.auditEvents(AuditQuery()).map(\.sequence)
                )
            }
            #expect(account == F.account("alice", fingerprints: [String(repeating: "a", count: 64)]))
            #expect(loaded == certificates.map { Optional($0) })
            #expect(csr == F.csr("csr-1"))
            #expect(audit == [3, 2, 1])
            #expect(try store.checkConsistency() == [])
        }
    }

    struct Refusal: Error, Equatable {}

    @Test("a throwing write body leaves nothing: no record, no index entry")
    func abortLeavesNothing() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Self.open(directory)
            defer { store.close() }
            await #expect(throws: Refusal.self) {
                try await store.write { writer in
                    try writer.putCertificate(F.certificate("cert-x", tags: ["a": "b"], resourceGroup: "g"))
                    try writer.appendAudit(F.auditEvent(1))
                    throw Refusal()
                }
            }
            let counts = try store.environment.runTransaction(.read) { txn in
                try ([store.tables.certs, store.tables.audit] + store.tables.certificateIndexes).map {
                    try txn.entryCount($0)
                }
            }
            #expect(counts.allSatisfy { $0 == 0 })
        }
    }

    @Test("group commit: concurrent writers get their own results; a refused body does not undo the others")
    func groupCommitIsolation() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Self.open(directory)
            defer { store.close() }
            let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<64 {
                    group.addTask {
                        // Every fourth writer reuses name "shared": only the first of those may win.
                        let name = index % 4 == 0 ? "shared" : "name-\(index)"
                        do {
                            let id = try await store.write { writer in
                                try writer.putCertificate(F.certificate("cert-\(index)", name: name))
                                return index
                            }
                            return (id, true)
                        } catch {
                            return (index, false)
                        }
                    }
                }
                var outcomes: [Int: Bool] = [:]
                for await (index, ok) in group { outcomes[index] = ok }
                return outcomes
            }
            let winners = outcomes.filter { $0.key % 4 == 0 && $0.value }
            #expect(winners.count == 1)
            #expect(outcomes.filter { $0.key % 4 != 0 }.allSatisfy { $0.value })
            let stored = try store.read { reader in
                try (0..<64).filter { try reader.certificate(id: CertificateID(rawValue: "cert-\($0)")) != nil }
            }
            #expect(Set(stored) == Set(outcomes.filter(\.value).map(\.key)))
            #expect(try store.checkConsistency() == [])
        }
    }

    @Test("many tasks uploading, updating and deleting at once leave every index matching its record")
    func concurrentMutationsStayConsistent() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Self.open(directory)
            defer { store.close() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<16 {
                    group.addTask {
                        for step in 0..<25 {
                            let id = "cert-\(worker)-\(step % 10)"
                            switch step % 3 {
                            case 0:
                                try await store.write { writer in
                                    try writer.putCertificate(
                                        F.certificate(
                                            id,
                                            owner: worker % 2 == 0 ? "alice" : "bob",
                                            expiresInDays: Double(step * 10 - 50),
                                            tags: ["worker": "\(worker)", "step": "\(step)"],
                                            resourceGroup: "g\(step % 3)"
                                        )
                                    )
                                }
                            case 1:
                                try await store.write { writer in
                                    guard var entry = try writer.certificate(id: CertificateID(rawValue: id)) else {
                                        return
                                    }
                                    entry.name = "renamed-\(id)-\(step)"
                                    entry.tags = ["updated": "yes"]
                                    entry.resourceGroup = "moved"
                                    try writer.putCertificate(entry)
                                }
                            default:
                                try await store.write { writer in
                                    if step % 2 == 0 { try writer.deleteCertificate(id: CertificateID(rawValue: id)) }
                                }
                            }
                            _ = try store.read {
                                try $0.listCertificates(
                                    CertificateQuery(owner: AccountID(rawValue: "alice"), now: F.now))
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try store.checkConsistency() == [])
            let total = try store.read { reader in
                try reader.countCertificates(owner: AccountID(rawValue: "alice"), now: F.now).total
                    + reader.countCertificates(owner: AccountID(rawValue: "bob"), now: F.now).total
            }
            let records = try store.environment.runTransaction(.read) { try $0.entryCount(store.tables.certs) }
            #expect(total == records)
            #expect(records > 0)
        }
    }

    @Test("a small map fills up: storageFull, nothing half-written, earlier data intact")
    func mapFull() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Self.open(
                directory, LMDBInventoryStore.Configuration(mapSize: 2 << 20, maximumMapSize: 2 << 20))
            defer { store.close() }
            var written = 0
            var failure: (any Error)?
            while failure == nil && written < 10_000 {
                let batch = (written..<written + 20).map { F.certificate("cert-\($0)", tags: ["n": "\($0)"]) }
                do {
                    try await store.write { writer in
                        for entry in batch { try writer.putCertificate(entry) }
                    }
                    written += batch.count
                } catch {
                    failure = error
                }
            }
            #expect(failure as? InventoryStoreError == .storageFull)
            #expect(written > 0)
            let intact = try store.read { reader in
                try (0..<written).allSatisfy {
                    try reader.certificate(id: CertificateID(rawValue: "cert-\($0)"))
                        == F.certificate("cert-\($0)", tags: ["n": "\($0)"])
                }
            }
            #expect(intact)
            let half = try store.read { try $0.certificate(id: CertificateID(rawValue: "cert-\(written)")) }
            #expect(half == nil)
            #expect(try store.checkConsistency() == [])
        }
    }

    @Test("master-key rotation re-seals every key in one transaction; a failing re-seal changes nothing")
    func resealKeys() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Self.open(directory)
            defer { store.close() }
            try await store.write { writer in
                for index in 0..<10 { try writer.putCertificate(F.certificate("cert-\(index)", keyBlob: [1, 2, 3])) }
                try writer.putCSR(F.csr("csr-1"))
                try writer.putDocument(
                    StoredDocument(
                        collection: DocumentCollection("pca.authority"), key: "ca-1", body: [0],
                        sealedKeys: [SealedKey(role: .signing, blob: [4])]))
            }
            struct SealFailure: Error {}
            await #expect(throws: SealFailure.self) {
                _ = try await store.resealKeys { key, recordID in
                    if recordID == "cert-7" { throw SealFailure() }
                    return SealedKey(role: key.role, blob: [9])
                }
            }
            let unchanged = try store.read { try $0.certificate(id: CertificateID(rawValue: "cert-1"))?.sealedKeys }
            #expect(unchanged == [SealedKey(role: .signing, blob: [1, 2, 3])])

            let count = try await store.resealKeys { key, recordID in
                SealedKey(role: key.role, blob: Array("\(recordID)|\(key.role.rawValue)".utf8))
            }
            #expect(count == 12)
            let (certificateKey, csrKey, documentKeys) = try store.read { reader in
                (
                    try reader.certificate(id: CertificateID(rawValue: "cert-3"))?.sealedKeys,
                    try reader.csr(id: CSRID(rawValue: "csr-1"))?.sealedKey,
                    try reader.document(DocumentCollection("pca.authority"), key: "ca-1")?.sealedKeys
                )
            }
            #expect(documentKeys == [SealedKey(role: .signing, blob: Array("pca.authority/ca-1|signing".utf8))])
            #expect(certificateKey == [SealedKey(role: .signing, blob: Array("cert-3|signing".utf8))])
            #expect(csrKey == SealedKey(role: .csr, blob: Array("csr-1|csr".utf8)))
            #expect(try store.checkConsistency() == [])
        }
    }

    @Test("the consistency checker reports a missing and a dangling index entry")
    func checkerFindsDamage() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Self.open(directory)
            defer { store.close() }
            let entry = F.certificate("cert-1", tags: ["env": "prod"])
            try await store.write { try $0.putCertificate(entry) }
            #expect(try store.checkConsistency() == [])
            let tagKey = CertificateIndexEntry.all(for: entry, tables: store.tables).first {
                $0.database == store.tables.certsByOwnerTag
            }!.key
            try store.environment.runTransaction(.write) { txn in
                try txn.delete(store.tables.certsByOwnerTag, tagKey)
                try txn.put(store.tables.certsByOwnerName, StoreKey.strings("alice", "ghost"), Array("cert-404".utf8))
            }
            let found = try store.checkConsistency()
            #expect(
                found.contains(
                    .missingIndexEntry(
                        index: "certsByOwnerTag", key: LMDBInventoryTransaction.printable(tagKey), recordID: "cert-1")))
            #expect(
                found.contains {
                    if case .danglingIndexEntry(index: "certsByOwnerName", _) = $0 { true } else { false }
                })
            #expect(found.count == 2)
        }
    }

    @Test("a store written by an unknown schema version is refused at open")
    func unknownSchemaVersion() throws {
        try withTemporaryDirectory { directory in
            do {
                let store = try Self.open(directory)
                try store.environment.runTransaction(.write) {
                    try $0.put(store.tables.meta, Array("schemaVersion".utf8), StoreKey.sequence(99))
                }
                store.close()
            }
            #expect(throws: InventoryStoreError.self) { try Self.open(directory) }
        }
    }

    @Test("records round-trip exactly, and a record with an unknown version is reported as corrupt")
    func recordVersions() async throws {
        try await withTemporaryDirectory { directory in
            let store = try Self.open(directory)
            defer { store.close() }
            var entry = F.certificate("cert-1", tags: ["a": "1", "b": ""], resourceGroup: "g")
            entry.encryptionCertificateDER = [1, 2]
            entry.csrID = CSRID(rawValue: "csr-9")
            entry.sharedFrom = ShareOrigin(
                ownerAccountID: AccountID(rawValue: "bob"), certificateID: CertificateID(rawValue: "cert-0"))
            entry.warnings = [CertificateWarning(code: "chainIncomplete", message: "no root")]
            entry.details.keySizeBits = 2048
            entry.createdAt = Date(timeIntervalSince1970: 1_800_000_000.123)
            let stored = entry
            try await store.write { try $0.putCertificate(stored) }
            #expect(try store.read { try $0.certificate(id: stored.id) } == stored)
            #expect(entry.encodeRecord().count < 2048)
            try store.environment.runTransaction(.write) { txn in
                var bytes = entry.encodeRecord()
                bytes[0] = 42
                try txn.put(store.tables.certs, Array("cert-1".utf8), bytes)
            }
            #expect(throws: InventoryStoreError.corruptRecord(table: "certs", key: "cert-1")) {
                try store.read { try $0.certificate(id: stored.id) }
            }
        }
    }
}
