import CertCrypto
import CertDomain
import CertTestSupport
import Foundation
import Testing

/// The private-CA rules on the in-memory store: tree per algorithm, issuance, leak risk, revocation
/// and CRLs, batch sync (with bad ids, idempotent), re-issue, tenancy.
@Suite struct PrivateCertificateAuthoritiesTests {
    let base: DomainFixture
    let pca: PrivateCertificateAuthorities
    let inventory: CertificateInventory

    init() async throws {
        self.base = try await DomainFixture()
        // One sealer for both actors, so synced keys open in the inventory as they would in certd.
        let sealer = Sealer(masterKey: try MasterKey.generate())
        self.pca = PrivateCertificateAuthorities(
            store: self.base.store, clock: self.base.clock, sealer: sealer, regions: ["cn-hangzhou", "eu-central-1"])
        self.inventory = CertificateInventory(store: self.base.store, clock: self.base.clock, sealer: sealer)
    }

    var alice: Caller { self.base.alice }

    func tree(_ algorithm: PCAKeyAlgorithm, region: String = "cn-hangzhou") async throws -> (
        root: PrivateCA, intermediate: PrivateCA
    ) {
        let root = try await self.pca.createRoot(
            self.alice,
            PCARootRequest(
                region: region, subject: DistinguishedName(commonName: "Root \(algorithm)", organization: "Example"),
                algorithm: algorithm, validityDays: 3650, pathLength: 1))
        let intermediate = try await self.pca.createIntermediate(
            self.alice,
            PCAIntermediateRequest(
                parentID: root.id, subject: DistinguishedName(commonName: "Issuing \(algorithm)"),
                algorithm: algorithm, validityDays: 1825))
        return (root, intermediate)
    }

    func error(_ body: () async throws -> Void) async -> DomainError? {
        do {
            try await body()
            return nil
        } catch let error as DomainError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test(arguments: [PCAKeyAlgorithm.ecP256, .rsa2048, .sm2])
    func fullTreeIssuesVerifiableCertificates(algorithm: PCAKeyAlgorithm) async throws {
        let (root, intermediate) = try await self.tree(algorithm)
        #expect(root.kind == .root && root.parentID == nil && root.region == "cn-hangzhou")
        #expect(intermediate.kind == .intermediate && intermediate.parentID == root.id)
        #expect(intermediate.region == root.region && intermediate.chainDER == [root.certificateDER])
        let issued = try await self.pca.issue(
            self.alice,
            PCAIssueRequest(
                caID: intermediate.id, commonName: "svc.internal",
                subjectAlternativeNames: [.dns("svc.internal"), .ip("10.1.2.3")], serverAuth: true, clientAuth: true,
                validityDays: 90, algorithm: algorithm))
        #expect(issued.status == .notSynced && issued.hasKey && issued.warnings.isEmpty)
        #expect(issued.subjectAlternativeNames == ["DNS:svc.internal", "IP:10.1.2.3"])
        let leaf = try Certificate(der: issued.certificateDER)
        #expect(leaf.details.extendedKeyUsage == [.serverAuth, .clientAuth])
        let chain = try CertificateChain.build(certificates: [
            (leaf, .certificate), (try Certificate(der: intermediate.certificateDER), .chain),
            (try Certificate(der: root.certificateDER), .chain),
        ])
        #expect(chain.isComplete)
        let listed = try self.pca.listAuthorities(self.alice, region: "cn-hangzhou")
        #expect(Set(listed.map(\.id)) == [root.id, intermediate.id])
        #expect(try self.pca.listAuthorities(self.alice, kind: .root).map(\.id) == [root.id])
        #expect(try self.pca.listAuthorities(self.alice, region: "eu-central-1").isEmpty)
    }

    @Test func regionsAndKindsAreChecked() async throws {
        let unknown = await self.error {
            _ = try await self.pca.createRoot(
                self.alice,
                PCARootRequest(
                    region: "mars-1", subject: .init(commonName: "R"), algorithm: .ecP256, validityDays: 365))
        }
        #expect(unknown == .pcaRegionUnknown(region: "mars-1", known: ["cn-hangzhou", "eu-central-1"]))
        #expect(throws: DomainError.pcaRegionUnknown(region: "x", known: ["cn-hangzhou", "eu-central-1"])) {
            try self.pca.listAuthorities(self.alice, region: "x")
        }
        let (root, intermediate) = try await self.tree(.ecP256)
        let fromRoot = await self.error {
            _ = try await self.pca.issue(self.alice, PCAIssueRequest(caID: root.id, commonName: "a", validityDays: 30))
        }
        #expect(fromRoot == .pcaWrongAuthorityKind(id: root.id, expected: .intermediate))
        let underIntermediate = await self.error {
            _ = try await self.pca.createIntermediate(
                self.alice,
                PCAIntermediateRequest(
                    parentID: intermediate.id, subject: .init(commonName: "I2"), algorithm: .ecP256, validityDays: 30))
        }
        #expect(underIntermediate == .pcaWrongAuthorityKind(id: intermediate.id, expected: .root))
        let outlives = await self.error {
            _ = try await self.pca.createIntermediate(
                self.alice,
                PCAIntermediateRequest(
                    parentID: root.id, subject: .init(commonName: "I3"), algorithm: .ecP256, validityDays: 7000))
        }
        #expect(outlives?.reason == "invalidArgument")
        let badDays = await self.error {
            _ = try await self.pca.issue(
                self.alice, PCAIssueRequest(caID: intermediate.id, commonName: "a", validityDays: 0))
        }
        #expect(badDays == .invalidArgument(field: "validityDays", detail: "must be 1...3650"))
        let noName = await self.error {
            _ = try await self.pca.issue(
                self.alice, PCAIssueRequest(caID: intermediate.id, commonName: " ", validityDays: 30))
        }
        #expect(noName?.reason == "invalidIssuanceParameter")
        // Another account sees nothing.
        #expect(throws: DomainError.pcaAuthorityNotFound(id: root.id)) {
            try self.pca.authority(self.base.bob, id: root.id)
        }
        #expect(try self.pca.listAuthorities(self.base.bob).isEmpty)
        let foreign = await self.error {
            _ = try await self.pca.issue(
                self.base.bob, PCAIssueRequest(caID: intermediate.id, commonName: "a", validityDays: 30))
        }
        #expect(foreign == .pcaAuthorityNotFound(id: intermediate.id))
    }

    @Test func longValidityNeedsAcceptedRiskAndIsAudited() async throws {
        let (_, intermediate) = try await self.tree(.ecP256)
        let refused = await self.error {
            _ = try await self.pca.issue(
                self.alice, PCAIssueRequest(caID: intermediate.id, commonName: "long.internal", validityDays: 400))
        }
        #expect(refused == .pcaLeakRiskNotAccepted(validityDays: 400))
        let oneYear = try await self.pca.issue(
            self.alice, PCAIssueRequest(caID: intermediate.id, commonName: "year.internal", validityDays: 365))
        #expect(oneYear.warnings.isEmpty && !oneYear.riskAccepted)
        let accepted = try await self.pca.issue(
            self.alice,
            PCAIssueRequest(caID: intermediate.id, commonName: "long.internal", validityDays: 400, acceptRisk: true))
        #expect(accepted.riskAccepted)
        #expect(accepted.warnings.map(\.code) == ["leakRisk"])
        #expect(accepted.warnings.first?.message.contains("one year or less") == true)
        let events = try self.base.audit.list(self.alice, AuditQuery(limit: 50))
        let issued = events.first { $0.action == .pcaCertificateIssued && $0.target == accepted.id.rawValue }
        #expect(issued?.details["riskAccepted"] == "true")
        #expect(
            events.contains {
                $0.action == .pcaCertificateIssued && $0.outcome == .failure(reason: "leakRiskNotAccepted")
            })
        // The synced entry carries the warning too.
        let outcome = try await self.pca.sync(self.alice, caID: intermediate.id, ids: [accepted.id])
        guard case .synced(let entryID) = outcome.first?.result else {
            Issue.record("not synced: \(outcome)")
            return
        }
        #expect(try self.inventory.certificate(self.alice, id: entryID).warnings.map(\.code) == ["leakRisk"])
    }

    @Test func revocationAndCRL() async throws {
        let (root, intermediate) = try await self.tree(.ecP256)
        let first = try await self.pca.issue(
            self.alice, PCAIssueRequest(caID: intermediate.id, commonName: "a.internal", validityDays: 30))
        let second = try await self.pca.issue(
            self.alice, PCAIssueRequest(caID: intermediate.id, commonName: "b.internal", validityDays: 30))
        let revoked = try await self.pca.revoke(self.alice, id: first.id, reason: .keyCompromise)
        #expect(revoked.status == .revoked && revoked.revocationReason == .keyCompromise)
        let again = await self.error { _ = try await self.pca.revoke(self.alice, id: first.id, reason: .superseded) }
        #expect(again == .pcaCertificateRevoked(id: first.id))
        let foreign = await self.error {
            _ = try await self.pca.revoke(self.base.bob, id: second.id, reason: .unspecified)
        }
        #expect(foreign == .pcaCertificateNotFound(id: second.id))
        let crl = try await self.pca.publishCRL(self.alice, caID: intermediate.id)
        #expect(crl.revoked.map(\.serialNumberHex) == [first.serialNumberHex])
        #expect(crl.revoked.first?.reason == .keyCompromise)
        #expect(crl.number == 1)
        #expect(crl.isSigned(by: try Certificate(der: intermediate.certificateDER)))
        let expectedNext = (self.base.clock.now().timeIntervalSince1970 + 7 * 86_400).rounded(.down)
        #expect(crl.nextUpdate == Date(timeIntervalSince1970: expectedNext))
        let next = try await self.pca.publishCRL(self.alice, caID: intermediate.id)
        #expect(next.number == 2)
        let rootCRL = try await self.pca.publishCRL(self.alice, caID: root.id)
        let rootCertificate = try Certificate(der: root.certificateDER)
        #expect(rootCRL.revoked.isEmpty && rootCRL.isSigned(by: rootCertificate))
        #expect(
            try self.pca.listCertificates(self.alice, caID: intermediate.id, status: .revoked).map(\.id) == [first.id])
        #expect(
            try self.pca.listCertificates(self.alice, caID: intermediate.id, status: .notSynced).map(\.id) == [
                second.id
            ])
    }

    @Test func batchSyncInChunksWithBadIdsIsIdempotent() async throws {
        let (_, intermediate) = try await self.tree(.ecP256)
        // Issued four at a time: the CPU work (key generation, signing) runs in parallel, writes in order.
        let pca = self.pca
        let alice = self.alice
        var ids: [PCACertificateID] = []
        // 452 issued (three sync chunks of at most 200); the end-to-end suite syncs 1,000 through certd and certctl.
        for start in stride(from: 0, to: 452, by: 4) {
            ids += try await withThrowingTaskGroup(of: PCACertificateID.self) { group in
                for index in start..<start + 4 {
                    group.addTask {
                        try await pca.issue(
                            alice,
                            PCAIssueRequest(
                                caID: intermediate.id, commonName: "host\(index).internal", validityDays: 90)
                        ).id
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        let revoked = [ids[10], ids[300]]
        for id in revoked { _ = try await self.pca.revoke(self.alice, id: id, reason: .superseded) }
        let unknown = PCACertificateID(rawValue: "pcacert-0000000000000000")
        let outcomes = try await self.pca.sync(self.alice, caID: intermediate.id, ids: ids + [unknown])
        #expect(outcomes.count == 453)
        let failures = outcomes.filter { if case .failed = $0.result { true } else { false } }
        #expect(Set(failures.map(\.id)) == Set(revoked + [unknown]))
        #expect(outcomes.first { $0.id == unknown }?.result == .failed(.pcaCertificateNotFound(id: unknown)))
        #expect(outcomes.first { $0.id == ids[10] }?.result == .failed(.pcaCertificateRevoked(id: ids[10])))
        let summary = try self.inventory.summary(self.alice)
        #expect(summary.total == 450)
        let uploaded = try self.pca.listCertificates(self.alice, caID: intermediate.id, status: .uploaded, limit: 5000)
        #expect(uploaded.count == 450)
        // Chunked: 453 ids in 3 transactions of at most 200, one audit event each.
        let events = try self.base.audit.list(self.alice, AuditQuery(limit: 1000)).filter {
            $0.action == .pcaCertificatesSynced && $0.outcome == .success
        }
        #expect(events.count == 3)
        // Idempotent: nothing new, the same entries reported.
        let again = try await self.pca.sync(self.alice, caID: intermediate.id, ids: nil)
        #expect(again.isEmpty)  // "all not synced" is now empty
        let explicit = try await self.pca.sync(self.alice, caID: intermediate.id, ids: Array(ids.prefix(3)))
        for (outcome, original) in zip(explicit, outcomes.prefix(3)) {
            guard case .synced(let entryID) = original.result else { continue }
            #expect(outcome.result == .alreadySynced(entryID))
        }
        #expect(try self.inventory.summary(self.alice).total == 450)
        // An entry: source pca, chain to the root, key downloadable by the owner.
        guard case .synced(let entryID) = outcomes[0].result else {
            Issue.record("first id not synced")
            return
        }
        let entry = try self.inventory.certificate(self.alice, id: entryID)
        #expect(entry.source == .pca && entry.details.chainLength == 2 && entry.details.isChainComplete)
        let download = try await self.inventory.downloadCertificate(self.alice, id: entryID)
        let key = try PrivateKey(bytes: try #require(download.privateKeyPKCS8), passphrase: nil)
        try KeyMatcher.check(certificate: try Certificate(der: entry.leafDER), key: key)
        // Deleting the entry lets a re-sync create a new one.
        try await self.inventory.deleteCertificate(self.alice, id: entryID)
        let resynced = try await self.pca.sync(self.alice, caID: intermediate.id, ids: [ids[0]])
        guard case .synced(let newID) = resynced.first?.result else {
            Issue.record("not re-synced: \(resynced)")
            return
        }
        #expect(newID != entryID)
    }

    @Test func syncAllTakesOnlyNotSyncedAndCSRIssuedHasNoKey() async throws {
        let (_, intermediate) = try await self.tree(.ecP256)
        let csrKey = try PrivateKey.generate(.p256)
        let csr = try CertificateSigningRequest.generate(
            subject: .init(commonName: "csr.internal"), subjectAlternativeNames: [.dns("csr.internal")], key: csrKey)
        let fromCSR = try await self.pca.issue(
            self.alice,
            PCAIssueRequest(
                caID: intermediate.id, commonName: "", validityDays: 30, csr: Array(csr.pem.utf8)))
        #expect(!fromCSR.hasKey && fromCSR.commonName == "csr.internal")
        #expect(fromCSR.subjectAlternativeNames == ["DNS:csr.internal"])
        let generated = try await self.pca.issue(
            self.alice, PCAIssueRequest(caID: intermediate.id, commonName: "gen.internal", validityDays: 30))
        let outcomes = try await self.pca.sync(self.alice, caID: intermediate.id, ids: nil)
        #expect(Set(outcomes.map(\.id)) == [fromCSR.id, generated.id])
        let entries = try self.inventory.listCertificates(self.alice).entries
        #expect(entries.count == 2)
        #expect(entries.first { $0.details.commonName == "csr.internal" }?.sealedKeys.isEmpty == true)
        #expect(entries.first { $0.details.commonName == "gen.internal" }?.sealedKeys.count == 1)
        let badCSR = await self.error {
            _ = try await self.pca.issue(
                self.alice, PCAIssueRequest(caID: intermediate.id, commonName: "", validityDays: 30, csr: [1, 2, 3]))
        }
        #expect(badCSR?.reason == "badFormat" || badCSR?.reason == "looksLikeDER" || badCSR?.reason == "corruptData")
    }

    @Test func reissueKeepsTheInventoryEntryAndRenewFindsIt() async throws {
        let (_, intermediate) = try await self.tree(.ecP256)
        let issued = try await self.pca.issue(
            self.alice,
            PCAIssueRequest(
                caID: intermediate.id, commonName: "renew.internal", subjectAlternativeNames: [.dns("renew.internal")],
                validityDays: 60))
        let notSynced = try await self.pca.reissue(self.alice, id: issued.id)
        #expect(notSynced.serialNumberHex != issued.serialNumberHex && notSynced.status == .notSynced)
        let outcome = try await self.pca.sync(self.alice, caID: intermediate.id, ids: [issued.id])
        guard case .synced(let entryID) = outcome.first?.result else {
            Issue.record("not synced")
            return
        }
        let before = try self.inventory.certificate(self.alice, id: entryID)
        self.base.clock.advance(by: 30 * 86_400)
        let reissued = try await self.pca.reissue(self.alice, id: issued.id)
        #expect(reissued.status == .uploaded && reissued.inventoryID == entryID)
        let after = try self.inventory.certificate(self.alice, id: entryID)
        #expect(after.name == before.name && after.createdAt == before.createdAt)
        #expect(after.details.fingerprintSHA256 == reissued.fingerprintSHA256)
        #expect(after.details.fingerprintSHA256 != before.details.fingerprintSHA256)
        #expect(after.details.sans == ["renew.internal"])
        let download = try await self.inventory.downloadCertificate(self.alice, id: entryID)
        let key = try PrivateKey(bytes: try #require(download.privateKeyPKCS8), passphrase: nil)
        try KeyMatcher.check(certificate: try Certificate(der: after.leafDER), key: key)
        let renewed = try await self.pca.renew(self.alice, id: entryID)
        #expect(renewed.id == entryID && renewed.details.fingerprintSHA256 != after.details.fingerprintSHA256)
        // An uploaded entry is not a PCA one; a revoked PCA certificate is not re-issued.
        let uploaded = try await self.base.upload(self.alice, name: "uploaded")
        let notPCA = await self.error { _ = try await self.pca.renew(self.alice, id: uploaded.entry.id) }
        #expect(notPCA == .certificateNotFound(id: uploaded.entry.id))
        _ = try await self.pca.revoke(self.alice, id: issued.id, reason: .superseded)
        let revoked = await self.error { _ = try await self.pca.reissue(self.alice, id: issued.id) }
        #expect(revoked == .pcaCertificateRevoked(id: issued.id))
    }

    @Test func uploadedLongLivedPrivateCertificateGetsLeakRiskPublicDoesNot() async throws {
        let short = try await self.base.upload(self.alice, name: "short", days: 365)
        #expect(!short.entry.warnings.contains { $0.code == "leakRisk" })
        let long = try await self.base.upload(self.alice, name: "long", days: 400)
        #expect(long.entry.warnings.map(\.code).contains("leakRisk"))
        // The classification itself: a publicly trusted chain (a real root of the system store, valid for
        // 20 years) carries no warning; the same span from a private root does.
        let publicRoot = try Certificate(
            pem: try String(contentsOfFile: "/etc/ssl/certs/ISRG_Root_X1.pem", encoding: .utf8))
        #expect(LeakRisk.warnings(forUploaded: [publicRoot]).isEmpty)
        let privateRoot = try Certificate(der: try await self.tree(.ecP256).root.certificateDER)
        #expect(LeakRisk.warnings(forUploaded: [privateRoot]) == [LeakRisk.warning])
    }
}
