import Foundation

extension InventoryStoreConformance {
    /// The check bodies; one method per ``Check``.
    struct Context {
        let check: Check
        let store: any InventoryStore

        func expect(_ condition: Bool, _ message: @autoclosure () -> String, line: UInt = #line) throws {
            if !condition { throw Failure(check: self.check, message: message(), line: line) }
        }

        func put(_ entries: [CertificateEntry]) async throws {
            try await self.store.write { writer in
                for entry in entries { try writer.putCertificate(entry) }
            }
        }

        func ids(_ query: CertificateQuery) throws -> [CertificateID] {
            try self.store.read { try $0.listCertificates(query).entries.map(\.id) }
        }

        /// Every page of `query`, concatenated.
        func allPages(_ query: CertificateQuery) throws -> [CertificateID] {
            var query = query
            var result: [CertificateID] = []
            while true {
                let page = try self.store.read { try $0.listCertificates(query) }
                result += page.entries.map(\.id)
                guard let next = page.next else { return result }
                try self.expect(CertificateCursor(token: next.token) == next, "page token does not round-trip")
                query.after = next
            }
        }

        // MARK: Accounts

        func accountsRoundTrip() async throws {
            let accounts = ["carol", "alice", "bob", "Zed", "alice.2"].enumerated().map { index, id in
                InventoryStoreConformance.sampleAccount(
                    id, fingerprints: [String(repeating: "0", count: 63) + String(index)])
            }
            try await self.store.write { writer in
                for account in accounts { try writer.putAccount(account) }
            }
            let alice = try self.store.read { try $0.account(id: AccountID(rawValue: "alice")) }
            try self.expect(alice == accounts[1], "account(id:) returned \(String(describing: alice))")
            let missing = try self.store.read { try $0.account(id: AccountID(rawValue: "nobody")) }
            try self.expect(missing == nil, "unknown account id found")
            let ordered = try self.store.read { try $0.listAccounts(after: nil, limit: 10).map(\.id.rawValue) }
            try self.expect(ordered == ["Zed", "alice", "alice.2", "bob", "carol"], "listAccounts order: \(ordered)")
            let page = try self.store.read {
                try $0.listAccounts(after: AccountID(rawValue: "alice"), limit: 2).map(\.id.rawValue)
            }
            try self.expect(page == ["alice.2", "bob"], "listAccounts(after:limit:) page: \(page)")

            var bob = accounts[2]
            let oldFingerprint = bob.clientCertificateFingerprints[0]
            bob.clientCertificateFingerprints = [String(repeating: "f", count: 64)]
            bob.displayName = "Robert"
            let replaced = bob
            try await self.store.write { try $0.putAccount(replaced) }
            let byNew = try self.store.read { try $0.account(byClientFingerprint: String(repeating: "f", count: 64)) }
            try self.expect(byNew == bob, "replaced account not found by its new fingerprint")
            let byOld = try self.store.read { try $0.account(byClientFingerprint: oldFingerprint) }
            try self.expect(byOld == nil, "replaced account still found by its old fingerprint")
            let deleted = try await self.store.write { try $0.deleteAccount(id: replaced.id) }
            let deletedAgain = try await self.store.write { try $0.deleteAccount(id: replaced.id) }
            try self.expect(deleted && !deletedAgain, "deleteAccount results \(deleted), \(deletedAgain)")
            let gone = try self.store.read { try $0.account(byClientFingerprint: String(repeating: "f", count: 64)) }
            try self.expect(gone == nil, "deleted account still found by fingerprint")
        }

        func accountFingerprintIsUnique() async throws {
            let fingerprint = String(repeating: "c", count: 64)
            try await self.store.write {
                try $0.putAccount(InventoryStoreConformance.sampleAccount("alice", fingerprints: [fingerprint]))
            }
            do {
                try await self.store.write {
                    try $0.putAccount(InventoryStoreConformance.sampleAccount("bob"))
                    try $0.putAccount(InventoryStoreConformance.sampleAccount("mallory", fingerprints: [fingerprint]))
                }
                try self.expect(false, "a second account took a bound fingerprint")
            } catch let error as InventoryStoreError {
                try self.expect(
                    error == .duplicateKey(.clientCertificateFingerprint(fingerprint)), "unexpected error \(error)")
            }
            let holder = try self.store.read { try $0.account(byClientFingerprint: fingerprint)?.id.rawValue }
            try self.expect(holder == "alice", "fingerprint now belongs to \(String(describing: holder))")
            let bob = try self.store.read { try $0.account(id: AccountID(rawValue: "bob")) }
            try self.expect(bob == nil, "the aborted write left account bob behind")
        }

        // MARK: Certificates

        func certificateRoundTripAndIndexes() async throws {
            let alice = AccountID(rawValue: "alice")
            let bob = AccountID(rawValue: "bob")
            let fingerprint = String(repeating: "12", count: 32)
            var first = InventoryStoreConformance.sampleCertificate(
                owner: alice, name: "web", fingerprint: fingerprint, resourceGroup: "prod", tags: ["env": "prod"])
            first.csrID = CSRID(rawValue: "csr-0000000000000001")
            first.sharedFrom = ShareOrigin(ownerAccountID: bob, certificateID: CertificateID(rawValue: "cert-x"))
            let second = InventoryStoreConformance.sampleCertificate(
                owner: alice, name: "web-copy", fingerprint: fingerprint)
            let bobs = InventoryStoreConformance.sampleCertificate(
                owner: bob, name: "web", keyAlgorithm: .sm2, fingerprint: fingerprint)
            try await self.put([first, second, bobs])

            let byID = try self.store.read { try $0.certificate(id: first.id) }
            try self.expect(byID == first, "certificate(id:) did not round-trip every field")
            let sm2 = try self.store.read { try $0.certificate(id: bobs.id) }
            try self.expect(sm2 == bobs, "SM2 entry did not round-trip every field")
            let byName = try self.store.read { try $0.certificate(owner: bob, name: "web") }
            try self.expect(byName?.id == bobs.id, "certificate(owner:name:) found \(String(describing: byName?.id))")
            let byFingerprint = try self.store.read {
                try $0.certificates(owner: alice, fingerprintSHA256: fingerprint).map(\.id)
            }
            try self.expect(
                byFingerprint == [first.id, second.id].sorted(), "certificates(owner:fingerprint:) \(byFingerprint)")
            let idsByFingerprint = try self.store.read {
                try $0.certificateIDs(owner: alice, fingerprintSHA256: fingerprint)
            }
            try self.expect(
                idsByFingerprint == byFingerprint, "certificateIDs(owner:fingerprint:) \(idsByFingerprint)")

            var renamed = first
            renamed.name = "web-renamed"
            renamed.tags = ["env": "staging"]
            renamed.updatedAt = renamed.updatedAt.addingTimeInterval(1)
            let replacement = renamed
            try await self.put([replacement])
            let oldName = try self.store.read { try $0.certificate(owner: alice, name: "web") }
            try self.expect(oldName == nil, "old name still indexed after rename")
            let newName = try self.store.read { try $0.certificate(owner: alice, name: "web-renamed") }
            try self.expect(newName == renamed, "new name not indexed after rename")
            let oldTag = try self.ids(
                CertificateQuery(
                    owner: alice, now: InventoryStoreConformance.referenceNow, tag: TagFilter(key: "env", value: "prod")
                ))
            try self.expect(oldTag.isEmpty, "old tag still indexed after replace: \(oldTag)")

            let deleted = try await self.store.write { try $0.deleteCertificate(id: replacement.id) }
            let deletedAgain = try await self.store.write { try $0.deleteCertificate(id: replacement.id) }
            try self.expect(deleted && !deletedAgain, "deleteCertificate results \(deleted), \(deletedAgain)")
            let afterDelete = try self.store.read { reader in
                (
                    try reader.certificate(id: renamed.id),
                    try reader.certificate(owner: alice, name: "web-renamed"),
                    try reader.certificates(owner: alice, fingerprintSHA256: fingerprint).map(\.id),
                    try reader.listCertificates(
                        CertificateQuery(owner: alice, now: InventoryStoreConformance.referenceNow)
                    ).entries.map(\.id)
                )
            }
            try self.expect(afterDelete.0 == nil && afterDelete.1 == nil, "deleted entry still found")
            try self.expect(
                afterDelete.2 == [second.id] && afterDelete.3 == [second.id], "indexes after delete: \(afterDelete)")
        }

        func certificateNameIsUniquePerOwner() async throws {
            let alice = AccountID(rawValue: "alice")
            let original = InventoryStoreConformance.sampleCertificate(owner: alice, name: "api")
            try await self.put([
                original, InventoryStoreConformance.sampleCertificate(owner: AccountID(rawValue: "bob"), name: "api"),
            ])
            let clash = InventoryStoreConformance.sampleCertificate(owner: alice, name: "api")
            do {
                try await self.put([clash])
                try self.expect(false, "a second entry named api was stored for alice")
            } catch let error as InventoryStoreError {
                try self.expect(
                    error == .duplicateKey(.certificateName(owner: alice, name: "api")), "unexpected error \(error)")
            }
            let stored = try self.store.read { try $0.certificate(id: clash.id) }
            try self.expect(stored == nil, "the refused entry was stored")
            let holder = try self.store.read { try $0.certificate(owner: alice, name: "api")?.id }
            try self.expect(holder == original.id, "name index moved to \(String(describing: holder))")
        }

        func failedWriteLeavesNothing() async throws {
            struct Abort: Error, Equatable {}
            let alice = AccountID(rawValue: "alice")
            let kept = InventoryStoreConformance.sampleCertificate(owner: alice, name: "kept")
            try await self.put([kept])
            var renamed = kept
            renamed.name = "changed"
            let changed = renamed
            do {
                try await self.store.write { writer in
                    try writer.putAccount(InventoryStoreConformance.sampleAccount("alice"))
                    try writer.putCertificate(InventoryStoreConformance.sampleCertificate(owner: alice, name: "new"))
                    try writer.putCertificate(changed)
                    try writer.putCSR(
                        CSREntry(
                            id: CSRID(rawValue: "csr-1"), ownerAccountID: alice, csrDER: [1], sealedKey: nil,
                            subject: "CN=x", commonName: "x", sans: [], keyAlgorithm: .ec,
                            createdAt: InventoryStoreConformance.referenceNow))
                    try writer.appendAudit(InventoryStoreConformance.sampleAuditEvent(sequence: 1))
                    let seen = try writer.certificate(owner: alice, name: "new")
                    if seen == nil {
                        throw Failure(
                            check: .failedWriteLeavesNothing, message: "a write body does not see its own put",
                            line: #line)
                    }
                    throw Abort()
                }
                try self.expect(false, "write did not rethrow the body's error")
            } catch is Abort {}
            let state = try self.store.read { reader in
                (
                    try reader.account(id: alice),
                    try reader.certificate(owner: alice, name: "new"),
                    try reader.certificate(id: kept.id),
                    try reader.csr(id: CSRID(rawValue: "csr-1")),
                    try reader.lastAuditEvent()
                )
            }
            try self.expect(
                state.0 == nil && state.1 == nil && state.3 == nil && state.4 == nil,
                "aborted write left data: \(state)")
            try self.expect(state.2 == kept, "aborted write changed an existing entry")
            let byOldName = try self.store.read { try $0.certificate(owner: alice, name: "kept")?.id }
            try self.expect(byOldName == kept.id, "aborted rename touched the name index")
        }

        // MARK: Listing

        func expiryFilterBoundaries() async throws {
            let owner = AccountID(rawValue: "alice")
            let now = InventoryStoreConformance.referenceNow
            let n = Double(now.unixSeconds)
            let offsets: [String: Double] = [
                "expired": -1, "now": 0, "day30": 30 * 86_400, "day30plus": 30 * 86_400 + 1, "day90": 90 * 86_400,
            ]
            var idsByName: [String: CertificateID] = [:]
            var entries: [CertificateEntry] = []
            for (name, offset) in offsets {
                let entry = InventoryStoreConformance.sampleCertificate(
                    owner: owner, name: name, notAfter: Date(timeIntervalSince1970: n + offset))
                idsByName[name] = entry.id
                entries.append(entry)
            }
            try await self.put(
                entries + [
                    InventoryStoreConformance.sampleCertificate(
                        owner: AccountID(rawValue: "bob"), name: "now", notAfter: now)
                ])
            let cases: [(ExpiryFilter, [String])] = [
                (.expired, ["expired"]),
                (.notExpired, ["now", "day30", "day30plus", "day90"]),
                (.expiringWithin(days: 30), ["now", "day30"]),
                (.expiringWithin(days: 0), ["now"]),
                (.validBeyond(days: 30), ["day30plus", "day90"]),
            ]
            for (filter, names) in cases {
                let got = Set(try self.ids(CertificateQuery(owner: owner, now: now, expiry: filter)))
                try self.expect(
                    got == Set(names.map { idsByName[$0]! }), "\(filter): got \(got.count) entries, want \(names)")
            }
            for (name, offset) in offsets {
                let status = CertificateStatus(notAfter: Date(timeIntervalSince1970: n + offset), now: now)
                let want: CertificateStatus =
                    name == "expired" ? .expired : (offset > 30 * 86_400 ? .valid : .expiringSoon)
                try self.expect(status == want, "status of \(name) is \(status)")
            }
        }

        func filtersMatchExactly() async throws {
            let alice = AccountID(rawValue: "alice")
            let now = InventoryStoreConformance.referenceNow
            let a = InventoryStoreConformance.sampleCertificate(
                owner: alice, name: "Shop-Frontend", source: .uploaded, keyAlgorithm: .rsa,
                commonName: "shop.example.com",
                sans: ["shop.example.com"], resourceGroup: "prod", tags: ["env": "prod", "team": "web"])
            let b = InventoryStoreConformance.sampleCertificate(
                owner: alice, name: "internal", source: .pca, keyAlgorithm: .ec, commonName: nil,
                sans: ["API.Internal.example"], resourceGroup: "", tags: ["env": "production"])
            let c = InventoryStoreConformance.sampleCertificate(
                owner: alice, name: "gm", source: .official, keyAlgorithm: .sm2, commonName: "gm.example.cn",
                sans: [], resourceGroup: "prod-cn", tags: ["env": "prod"])
            let other = InventoryStoreConformance.sampleCertificate(
                owner: AccountID(rawValue: "bob"), name: "Shop-Frontend", commonName: "shop.example.com",
                resourceGroup: "prod", tags: ["env": "prod"])
            try await self.put([a, b, c, other])
            func check(_ query: CertificateQuery, _ want: [CertificateEntry], line: UInt = #line) throws {
                let got = Set(try self.ids(query))
                try self.expect(got == Set(want.map(\.id)), "filter \(query) got \(got)", line: line)
            }
            try check(CertificateQuery(owner: alice, now: now), [a, b, c])
            try check(CertificateQuery(owner: alice, now: now, source: .pca), [b])
            try check(CertificateQuery(owner: alice, now: now, tag: TagFilter(key: "env", value: "prod")), [a, c])
            try check(CertificateQuery(owner: alice, now: now, tag: TagFilter(key: "env", value: "Prod")), [])
            try check(CertificateQuery(owner: alice, now: now, tag: TagFilter(key: "team", value: "web")), [a])
            try check(CertificateQuery(owner: alice, now: now, resourceGroup: "prod"), [a])
            try check(CertificateQuery(owner: alice, now: now, resourceGroup: ""), [b])
            try check(CertificateQuery(owner: alice, now: now, keyAlgorithm: .sm2), [c])
            try check(CertificateQuery(owner: alice, now: now, text: "SHOP"), [a])
            try check(CertificateQuery(owner: alice, now: now, text: "api.internal"), [b])
            try check(CertificateQuery(owner: alice, now: now, text: "example"), [a, b, c])
            try check(CertificateQuery(owner: alice, now: now, text: ".cn"), [c])
            try check(CertificateQuery(owner: alice, now: now, text: ""), [a, b, c])
            try check(
                CertificateQuery(
                    owner: alice, now: now, tag: TagFilter(key: "env", value: "prod"), resourceGroup: "prod-cn",
                    text: "gm"), [c])
            try check(CertificateQuery(owner: AccountID(rawValue: "carol"), now: now), [])
        }

        func sortOrders() async throws {
            let owner = AccountID(rawValue: "alice")
            let now = InventoryStoreConformance.referenceNow
            var entries: [CertificateEntry] = []
            let names = ["b", "a", "B", "é", "a1", "z", "ab", "0"]
            for (index, name) in names.enumerated() {
                entries.append(
                    InventoryStoreConformance.sampleCertificate(
                        id: CertificateID(rawValue: "cert-\(String(format: "%016x", (index * 7919) % 13))"),
                        owner: owner, name: name,
                        notAfter: now.addingTimeInterval(Double(index % 3) * 86_400),
                        createdAt: Date(unixMilliseconds: 1_790_000_000_000 + Int64(index % 2))))
            }
            try await self.put(entries)
            for field in CertificateSort.Field.allCases {
                let ascendingWant = entries.sorted { lhs, rhs in
                    func key(_ e: CertificateEntry) -> (Int64, [UInt8]) {
                        switch field {
                        case .notAfter: return (e.details.notAfter.unixSeconds, [])
                        case .name: return (0, Array(e.name.utf8))
                        case .createdAt: return (e.createdAt.unixMilliseconds, [])
                        }
                    }
                    let (l, r) = (key(lhs), key(rhs))
                    if l.0 != r.0 { return l.0 < r.0 }
                    if l.1 != r.1 { return l.1.lexicographicallyPrecedes(r.1) }
                    return Array(lhs.id.rawValue.utf8).lexicographicallyPrecedes(Array(rhs.id.rawValue.utf8))
                }.map(\.id)
                for order in CertificateSort.Order.allCases {
                    let want = order == .ascending ? ascendingWant : ascendingWant.reversed()
                    let query = CertificateQuery(
                        owner: owner, now: now, sort: CertificateSort(field: field, order: order), limit: 1000)
                    let got = try self.ids(query)
                    try self.expect(
                        got == want, "sort \(field) \(order): got \(got.map(\.rawValue)), want \(want.map(\.rawValue))")
                    var paged = query
                    paged.limit = 3
                    let walked = try self.allPages(paged)
                    try self.expect(walked == want, "paged sort \(field) \(order): got \(walked.map(\.rawValue))")
                }
            }
        }

        func paginationStableUnderInsertAndDelete() async throws {
            let owner = AccountID(rawValue: "alice")
            let now = InventoryStoreConformance.referenceNow
            let initial = (0..<40).map { index in
                InventoryStoreConformance.sampleCertificate(
                    owner: owner, name: "cert-\(index)", notAfter: now.addingTimeInterval(Double(index % 10) * 3_600))
            }
            try await self.put(initial)
            for sort in [
                CertificateSort(field: .notAfter, order: .ascending), CertificateSort(field: .name, order: .descending),
            ] {
                var query = CertificateQuery(owner: owner, now: now, sort: sort, limit: 6)
                var seen: [CertificateID] = []
                var deleted: Set<CertificateID> = []
                var inserted = 0
                var previous: CertificateEntry?
                while true {
                    let page = try self.store.read { try $0.listCertificates(query) }
                    for entry in page.entries {
                        if let previous {
                            try self.expect(query.sortPrecedes(previous, entry), "page order broken at \(entry.name)")
                        }
                        previous = entry
                    }
                    seen += page.entries.map(\.id)
                    guard let next = page.next else { break }
                    // Others change the inventory between pages: insert two, delete one not yet seen.
                    let fresh = (0..<2).map { offset in
                        InventoryStoreConformance.sampleCertificate(
                            owner: owner, name: "late-\(sort.field)-\(inserted + offset)",
                            notAfter: now.addingTimeInterval(Double((inserted + offset) % 10) * 3_600))
                    }
                    inserted += 2
                    let unseen = initial.first { !seen.contains($0.id) && !deleted.contains($0.id) }
                    try await self.store.write { writer in
                        for entry in fresh { try writer.putCertificate(entry) }
                        if let unseen { try writer.deleteCertificate(id: unseen.id) }
                    }
                    if let unseen { deleted.insert(unseen.id) }
                    query.after = CertificateCursor(token: next.token)
                }
                try self.expect(Set(seen).count == seen.count, "an entry was returned twice (\(sort))")
                let survivors = initial.map(\.id).filter { !deleted.contains($0) }
                try self.expect(
                    Set(survivors).isSubset(of: Set(seen)), "an entry present for the whole walk was skipped (\(sort))")
                try self.expect(Set(seen).isDisjoint(with: deleted.subtracting(seen)), "a deleted entry was returned")
                // Restore the initial set for the next sort.
                try await self.store.write { writer in
                    for entry in try writer.listCertificates(CertificateQuery(owner: owner, now: now, limit: 1000))
                        .entries
                    {
                        try writer.deleteCertificate(id: entry.id)
                    }
                    for entry in initial { try writer.putCertificate(entry) }
                }
            }
        }

        func summaryCounts() async throws {
            let owner = AccountID(rawValue: "alice")
            let now = InventoryStoreConformance.referenceNow
            let n = Double(now.unixSeconds)
            let specs: [(Double, CertificateSource)] = [
                (-1, .uploaded), (0, .pca), (30 * 86_400, .uploaded), (30 * 86_400 + 1, .official),
                (60 * 86_400, .uploaded), (90 * 86_400, .uploaded), (90 * 86_400 + 1, .shared),
            ]
            var entries = specs.enumerated().map { index, spec in
                InventoryStoreConformance.sampleCertificate(
                    owner: owner, name: "c\(index)", notAfter: Date(timeIntervalSince1970: n + spec.0), source: spec.1)
            }
            entries.append(
                InventoryStoreConformance.sampleCertificate(owner: AccountID(rawValue: "bob"), name: "x", notAfter: now)
            )
            try await self.put(entries)
            let summary = try self.store.read { try $0.countCertificates(owner: owner, now: now) }
            let want = CertificateSummary(
                total: 7, valid: 4, expiringWithin30: 2, expiringWithin60: 4, expiringWithin90: 5, expired: 1,
                bySource: [.uploaded: 4, .pca: 1, .official: 1, .shared: 1])
            try self.expect(summary == want, "summary \(summary)")
            let empty = try self.store.read { try $0.countCertificates(owner: AccountID(rawValue: "nobody"), now: now) }
            try self.expect(empty == CertificateSummary(), "summary of an empty account \(empty)")
        }

        // MARK: CSRs

        func csrRoundTrip() async throws {
            let alice = AccountID(rawValue: "alice")
            func make(_ id: String, owner: AccountID = alice) -> CSREntry {
                CSREntry(
                    id: CSRID(rawValue: id), ownerAccountID: owner, csrDER: [0x30, 0x01, 0x02],
                    sealedKey: id.hasSuffix("1") ? SealedKey(role: .csr, blob: [9, 9]) : nil,
                    subject: "CN=\(id)", commonName: id, sans: ["\(id).example"], keyAlgorithm: .rsa,
                    createdAt: Date(unixMilliseconds: 1_800_000_000_001))
            }
            let entries = [
                make("csr-3"), make("csr-1"), make("csr-2"), make("csr-0", owner: AccountID(rawValue: "bob")),
            ]
            try await self.store.write { writer in
                for entry in entries { try writer.putCSR(entry) }
            }
            let one = try self.store.read { try $0.csr(id: CSRID(rawValue: "csr-1")) }
            try self.expect(one == entries[1], "csr(id:) did not round-trip")
            let listed = try self.store.read { try $0.listCSRs(owner: alice, after: nil, limit: 10).map(\.id.rawValue) }
            try self.expect(listed == ["csr-1", "csr-2", "csr-3"], "listCSRs \(listed)")
            let page = try self.store.read {
                try $0.listCSRs(owner: alice, after: CSRID(rawValue: "csr-1"), limit: 1).map(\.id.rawValue)
            }
            try self.expect(page == ["csr-2"], "listCSRs page \(page)")
            var marked = entries[1]
            marked.usedByCertificateID = CertificateID(rawValue: "cert-1")
            let used = marked
            try await self.store.write { try $0.putCSR(used) }
            let reread = try self.store.read { try $0.csr(id: used.id) }
            try self.expect(reread == used, "usedBy marker not stored")
            let deleted = try await self.store.write { try $0.deleteCSR(id: used.id) }
            let gone = try self.store.read { try $0.csr(id: used.id) }
            try self.expect(deleted && gone == nil, "deleteCSR did not remove the entry")
        }

        // MARK: Audit

        func auditAppendAndQuery() async throws {
            let empty = try self.store.read { try $0.lastAuditEvent() }
            try self.expect(empty == nil, "empty log has a last event")
            do {
                try await self.store.write {
                    try $0.appendAudit(InventoryStoreConformance.sampleAuditEvent(sequence: 2))
                }
                try self.expect(false, "a gap in the sequence was accepted")
            } catch let error as InventoryStoreError {
                try self.expect(error == .auditSequenceConflict(expected: 1, actual: 2), "unexpected error \(error)")
            }
            var built: [AuditEvent] = []
            for sequence in 1...10 {
                let actor = sequence % 2 == 0 ? "alice" : "bob"
                let action: AuditAction = sequence % 3 == 0 ? .keyDownloaded : .certificateUploaded
                let outcome: AuditOutcome = sequence == 7 ? .failure(reason: "notFound") : .success
                built.append(
                    InventoryStoreConformance.sampleAuditEvent(
                        sequence: UInt64(sequence), actor: actor, action: action, target: "cert-\(sequence % 4)",
                        outcome: outcome))
            }
            let events = built
            try await self.store.write { writer in
                for event in events { try writer.appendAudit(event) }
            }
            let last = try self.store.read { try $0.lastAuditEvent() }
            try self.expect(last == events[9], "lastAuditEvent \(String(describing: last?.sequence))")
            func sequences(_ query: AuditQuery) throws -> [UInt64] {
                try self.store.read { try $0.auditEvents(query).map(\.sequence) }
            }
            try self.expect(try sequences(AuditQuery(limit: 3)) == [10, 9, 8], "newest first")
            try self.expect(try sequences(AuditQuery(beforeSequence: 8, limit: 3)) == [7, 6, 5], "beforeSequence")
            try self.expect(
                try sequences(AuditQuery(actor: AccountID(rawValue: "alice"))) == [10, 8, 6, 4, 2], "actor filter")
            try self.expect(try sequences(AuditQuery(action: .keyDownloaded)) == [9, 6, 3], "action filter")
            try self.expect(try sequences(AuditQuery(target: "cert-1")) == [9, 5, 1], "target filter")
            try self.expect(try sequences(AuditQuery(outcome: .failure)) == [7], "outcome filter")
            try self.expect(
                try sequences(AuditQuery(actor: AccountID(rawValue: "bob"), action: .keyDownloaded, limit: 1)) == [9],
                "combined")
            let walk = try self.store.read { try $0.auditEvents(fromSequence: 4, limit: 3) }
            try self.expect(walk == Array(events[3..<6]), "auditEvents(fromSequence:limit:) \(walk.map(\.sequence))")
            let tail = try self.store.read { try $0.auditEvents(fromSequence: 11, limit: 3) }
            try self.expect(tail.isEmpty, "walk past the end returned \(tail.count)")
        }

        // MARK: Concurrency

        func concurrentWritesAllCommit() async throws {
            let owner = AccountID(rawValue: "alice")
            let store = self.store
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<64 {
                    group.addTask {
                        let entry = InventoryStoreConformance.sampleCertificate(owner: owner, name: "parallel-\(index)")
                        try await store.write { writer in
                            let sequence = (try writer.lastAuditEvent()?.sequence ?? 0) + 1
                            try writer.putCertificate(entry)
                            try writer.appendAudit(
                                InventoryStoreConformance.sampleAuditEvent(
                                    sequence: sequence, target: entry.id.rawValue))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let (count, last, walk) = try self.store.read { reader in
                (
                    try reader.countCertificates(owner: owner, now: InventoryStoreConformance.referenceNow).total,
                    try reader.lastAuditEvent()?.sequence,
                    try reader.auditEvents(fromSequence: 1, limit: 100).map(\.sequence)
                )
            }
            try self.expect(
                count == 64 && last == 64,
                "after 64 writers: \(count) entries, last sequence \(String(describing: last))")
            try self.expect(walk == Array(1...64), "audit sequence has gaps")
        }
    }
}
