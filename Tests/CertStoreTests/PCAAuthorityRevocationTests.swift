import CertCrypto
import CertDomain
import CertStore
import CertTestSupport
import Foundation
import Testing

/// Revocation of intermediate private CAs and revocation reaching the inventory, on a real LMDB store
/// in a fresh temporary directory per test: the root's CRL lists the intermediate, a revoked CA refuses
/// issuance and re-issue but still publishes its CRL, roots and second revocations are refused, synced
/// entries get a `revoked` warning in the revocation's transaction, other accounts are untouched, and
/// every outcome is audited.
@Suite struct PCAAuthorityRevocationTests {
    /// One LMDB-backed PCA and inventory with a manual clock.
    struct Fixture {
        let store: LMDBInventoryStore
        let clock = ManualWallClock(start: Date(timeIntervalSince1970: 1_800_000_000))
        let pca: PrivateCertificateAuthorities
        let inventory: CertificateInventory
        let alice = Caller(accountID: AccountID(rawValue: "alice"), role: .user, requestID: "req-alice")
        let bob = Caller(accountID: AccountID(rawValue: "bob"), role: .user, requestID: "req-bob")

        init(directory: String) throws {
            self.store = try LMDBInventoryStore(directory: directory, configuration: InventoryFixtures.configuration)
            let sealer = Sealer(masterKey: try MasterKey.generate())
            self.pca = PrivateCertificateAuthorities(
                store: self.store, clock: self.clock, sealer: sealer, regions: ["cn-hangzhou"])
            self.inventory = CertificateInventory(store: self.store, clock: self.clock, sealer: sealer)
        }

        /// A P-256 root with one intermediate, owned by `caller`.
        func tree(_ caller: Caller, name: String = "A") async throws -> (root: PrivateCA, intermediate: PrivateCA) {
            let root = try await self.pca.createRoot(
                caller,
                PCARootRequest(
                    region: "cn-hangzhou", subject: DistinguishedName(commonName: "Root \(name)"),
                    algorithm: .ecP256, validityDays: 3650, pathLength: 1))
            let intermediate = try await self.pca.createIntermediate(
                caller,
                PCAIntermediateRequest(
                    parentID: root.id, subject: DistinguishedName(commonName: "Issuing \(name)"), algorithm: .ecP256,
                    validityDays: 1825))
            return (root, intermediate)
        }

        /// Issues a leaf from `caID` and syncs it; returns the certificate and its inventory entry id.
        func syncedLeaf(_ caller: Caller, caID: PrivateCAID, name: String) async throws -> (
            certificate: PCACertificate, entryID: CertificateID
        ) {
            let issued = try await self.pca.issue(
                caller, PCAIssueRequest(caID: caID, commonName: name, validityDays: 30))
            let outcome = try await self.pca.sync(caller, caID: caID, ids: [issued.id])
            guard case .synced(let entryID) = outcome.first?.result else {
                throw DomainError.invalidArgument(field: "sync", detail: "\(outcome)")
            }
            return (issued, entryID)
        }

        func events(_ action: AuditAction, target: String) throws -> [AuditEvent] {
            try self.store.read { try $0.auditEvents(AuditQuery(action: action, target: target)) }
        }
    }

    func withFixture(_ body: (Fixture) async throws -> Void) async throws {
        try await withTemporaryDirectory(prefix: "certd-pca-revoke") { directory in
            let fixture = try Fixture(directory: directory)
            defer { fixture.store.close() }
            try await body(fixture)
            #expect(try fixture.store.checkConsistency() == [])
        }
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

    @Test func revokedIntermediateIsOnItsRootsCRLWithReasonAndDate() async throws {
        try await self.withFixture { fixture in
            let (root, intermediate) = try await fixture.tree(fixture.alice)
            let (other, _) = try await fixture.tree(fixture.alice, name: "B")
            fixture.clock.advance(by: 3_600)
            let revokedAt = fixture.clock.now()
            let revoked = try await fixture.pca.revokeAuthority(
                fixture.alice, id: intermediate.id, reason: .keyCompromise)
            #expect(revoked.isRevoked && revoked.revokedAt == revokedAt && revoked.revocationReason == .keyCompromise)
            let reread = try fixture.pca.authority(fixture.alice, id: intermediate.id)
            #expect(reread == revoked)
            #expect(
                try fixture.pca.listAuthorities(fixture.alice, kind: .intermediate).filter(\.isRevoked).map(\.id) == [
                    intermediate.id
                ])
            #expect(try fixture.pca.authority(fixture.alice, id: root.id).isRevoked == false)

            let crl = try await fixture.pca.publishCRL(fixture.alice, caID: root.id)
            #expect(crl.isSigned(by: try Certificate(der: root.certificateDER)))
            #expect(crl.revoked.map(\.serialNumberHex) == [intermediate.serialNumberHex])
            #expect(crl.revoked.first?.reason == .keyCompromise)
            #expect(crl.revoked.first?.revocationDate == revokedAt)
            // Another root's CRL does not list it.
            #expect(try await fixture.pca.publishCRL(fixture.alice, caID: other.id).revoked.isEmpty)
        }
    }

    @Test func rootsAndSecondRevocationsAndForeignCAsAreRefusedAndAudited() async throws {
        try await self.withFixture { fixture in
            let (root, intermediate) = try await fixture.tree(fixture.alice)
            let rootRefused = await self.error {
                _ = try await fixture.pca.revokeAuthority(fixture.alice, id: root.id, reason: .caCompromise)
            }
            #expect(rootRefused == .pcaRootNotRevocable(id: root.id))
            #expect(rootRefused?.reason == "rootNotRevocable")
            #expect(rootRefused?.message.contains("intermediate revoke") == true)
            let foreign = await self.error {
                _ = try await fixture.pca.revokeAuthority(fixture.bob, id: intermediate.id, reason: .superseded)
            }
            #expect(foreign == .pcaAuthorityNotFound(id: intermediate.id))
            #expect(try fixture.pca.authority(fixture.alice, id: intermediate.id).isRevoked == false)

            _ = try await fixture.pca.revokeAuthority(fixture.alice, id: intermediate.id, reason: .superseded)
            let twice = await self.error {
                _ = try await fixture.pca.revokeAuthority(fixture.alice, id: intermediate.id, reason: .keyCompromise)
            }
            #expect(twice == .pcaAuthorityAlreadyRevoked(id: intermediate.id))
            #expect(try fixture.pca.authority(fixture.alice, id: intermediate.id).revocationReason == .superseded)
            // Listed once, with the first reason.
            let crl = try await fixture.pca.publishCRL(fixture.alice, caID: root.id)
            #expect(crl.revoked.map(\.reason) == [.superseded])

            let onRoot = try fixture.events(.pcaAuthorityRevoked, target: root.id.rawValue)
            #expect(onRoot.map(\.outcome) == [.failure(reason: "rootNotRevocable")])
            let onIntermediate = try fixture.events(.pcaAuthorityRevoked, target: intermediate.id.rawValue)
            #expect(
                Set(onIntermediate.map(\.outcome)) == [
                    .success, .failure(reason: "authorityAlreadyRevoked"), .failure(reason: "notFound"),
                ])
            let success = try #require(onIntermediate.first { $0.outcome == .success })
            #expect(success.actor == fixture.alice.accountID && success.details["reason"] == "superseded")
            #expect(success.details["root"] == root.id.rawValue)
            #expect(success.details["serial"] == intermediate.serialNumberHex)
        }
    }

    @Test func revokedIntermediateRefusesIssuanceAndReissueButPublishesItsCRL() async throws {
        try await self.withFixture { fixture in
            let (_, intermediate) = try await fixture.tree(fixture.alice)
            let before = try await fixture.pca.issue(
                fixture.alice, PCAIssueRequest(caID: intermediate.id, commonName: "a.internal", validityDays: 30))
            let leafRevoked = try await fixture.pca.issue(
                fixture.alice, PCAIssueRequest(caID: intermediate.id, commonName: "b.internal", validityDays: 30))
            _ = try await fixture.pca.revoke(fixture.alice, id: leafRevoked.id, reason: .keyCompromise)
            _ = try await fixture.pca.revokeAuthority(fixture.alice, id: intermediate.id, reason: .cessationOfOperation)

            let issue = await self.error {
                _ = try await fixture.pca.issue(
                    fixture.alice, PCAIssueRequest(caID: intermediate.id, commonName: "c.internal", validityDays: 30))
            }
            #expect(issue == .pcaAuthorityRevoked(id: intermediate.id))
            #expect(issue?.message.contains(intermediate.id.rawValue) == true)
            #expect(issue?.message.contains("revoked") == true)
            let reissue = await self.error { _ = try await fixture.pca.reissue(fixture.alice, id: before.id) }
            #expect(reissue == .pcaAuthorityRevoked(id: intermediate.id))
            #expect(try fixture.pca.certificate(fixture.alice, id: before.id) == before)
            #expect(try fixture.pca.listCertificates(fixture.alice, caID: intermediate.id).count == 2)

            // Relying parties still need its last CRL.
            let crl = try await fixture.pca.publishCRL(fixture.alice, caID: intermediate.id)
            #expect(crl.isSigned(by: try Certificate(der: intermediate.certificateDER)))
            #expect(crl.revoked.map(\.serialNumberHex) == [leafRevoked.serialNumberHex])

            let refusals = try fixture.events(.pcaCertificateIssued, target: intermediate.id.rawValue)
            #expect(refusals.map(\.outcome) == [.failure(reason: "authorityRevoked")])
            let reissueRefusals = try fixture.events(.pcaCertificateReissued, target: before.id.rawValue)
            #expect(reissueRefusals.map(\.outcome) == [.failure(reason: "authorityRevoked")])
        }
    }

    @Test func revokingASyncedLeafWarnsItsInventoryEntry() async throws {
        try await self.withFixture { fixture in
            let (_, intermediate) = try await fixture.tree(fixture.alice)
            let (leaf, entryID) = try await fixture.syncedLeaf(fixture.alice, caID: intermediate.id, name: "s.internal")
            let notSynced = try await fixture.pca.issue(
                fixture.alice, PCAIssueRequest(caID: intermediate.id, commonName: "n.internal", validityDays: 30))
            #expect(try fixture.inventory.certificate(fixture.alice, id: entryID).warnings.isEmpty)
            fixture.clock.advance(by: 60)
            _ = try await fixture.pca.revoke(fixture.alice, id: leaf.id, reason: .keyCompromise)
            _ = try await fixture.pca.revoke(fixture.alice, id: notSynced.id, reason: .superseded)
            let entry = try fixture.inventory.certificate(fixture.alice, id: entryID)
            let warning = try #require(entry.warnings.first)
            #expect(entry.warnings.count == 1 && warning.code == "revoked")
            #expect(warning.message.contains(intermediate.id.rawValue) && warning.message.contains("keyCompromise"))
            #expect(warning.message.contains("replace"))
            #expect(entry.updatedAt == fixture.clock.now())
            // Nothing else entered the inventory.
            #expect(try fixture.inventory.listCertificates(fixture.alice).entries.map(\.id) == [entryID])
        }
    }

    @Test func revokingAnIntermediateWarnsEveryUploadedLeafOfItsOwnerOnly() async throws {
        try await self.withFixture { fixture in
            let (_, intermediate) = try await fixture.tree(fixture.alice)
            let (_, otherIntermediate) = try await fixture.tree(fixture.alice, name: "B")
            let (_, bobIntermediate) = try await fixture.tree(fixture.bob, name: "Bob")
            let first = try await fixture.syncedLeaf(fixture.alice, caID: intermediate.id, name: "one.internal")
            let second = try await fixture.syncedLeaf(fixture.alice, caID: intermediate.id, name: "two.internal")
            let directly = try await fixture.syncedLeaf(fixture.alice, caID: intermediate.id, name: "three.internal")
            _ = try await fixture.pca.revoke(fixture.alice, id: directly.certificate.id, reason: .superseded)
            let elsewhere = try await fixture.syncedLeaf(fixture.alice, caID: otherIntermediate.id, name: "x.internal")
            let bobs = try await fixture.syncedLeaf(fixture.bob, caID: bobIntermediate.id, name: "bob.internal")

            _ = try await fixture.pca.revokeAuthority(fixture.alice, id: intermediate.id, reason: .caCompromise)
            for entryID in [first.entryID, second.entryID] {
                let warnings = try fixture.inventory.certificate(fixture.alice, id: entryID).warnings
                #expect(warnings.map(\.code) == ["revoked"])
                #expect(warnings.first?.message.contains(intermediate.id.rawValue) == true)
                #expect(warnings.first?.message.contains("caCompromise") == true)
            }
            // The directly revoked leaf keeps its own (single) warning.
            let direct = try fixture.inventory.certificate(fixture.alice, id: directly.entryID).warnings
            #expect(direct.count == 1 && direct.first?.message.contains("superseded") == true)
            #expect(try fixture.inventory.certificate(fixture.alice, id: elsewhere.entryID).warnings.isEmpty)
            #expect(try fixture.inventory.certificate(fixture.bob, id: bobs.entryID).warnings.isEmpty)
            // The PCA records of the leaves keep their status: the CA's revocation covers them.
            #expect(try fixture.pca.certificate(fixture.alice, id: first.certificate.id).status == .uploaded)
            let audit = try fixture.events(.pcaAuthorityRevoked, target: intermediate.id.rawValue)
            #expect(audit.first?.details["inventoryWarned"] == "2")
        }
    }

    @Test func leavesSyncedAfterTheirCAWasRevokedCarryTheWarning() async throws {
        try await self.withFixture { fixture in
            let (_, intermediate) = try await fixture.tree(fixture.alice)
            let issued = try await fixture.pca.issue(
                fixture.alice, PCAIssueRequest(caID: intermediate.id, commonName: "late.internal", validityDays: 30))
            _ = try await fixture.pca.revokeAuthority(fixture.alice, id: intermediate.id, reason: .keyCompromise)
            let outcome = try await fixture.pca.sync(fixture.alice, caID: intermediate.id, ids: [issued.id])
            guard case .synced(let entryID) = outcome.first?.result else {
                Issue.record("not synced: \(outcome)")
                return
            }
            let warnings = try fixture.inventory.certificate(fixture.alice, id: entryID).warnings
            #expect(warnings.map(\.code) == ["revoked"])
        }
    }

    @Test func revocationSurvivesReopeningTheStore() async throws {
        try await withTemporaryDirectory(prefix: "certd-pca-revoke") { directory in
            let sealer = Sealer(masterKey: try MasterKey.generate())
            let clock = ManualWallClock()
            let alice = Caller(accountID: AccountID(rawValue: "alice"), role: .user, requestID: "req")
            let intermediateID: PrivateCAID
            do {
                let store = try LMDBInventoryStore(directory: directory, configuration: InventoryFixtures.configuration)
                defer { store.close() }
                let pca = PrivateCertificateAuthorities(store: store, clock: clock, sealer: sealer)
                let root = try await pca.createRoot(
                    alice,
                    PCARootRequest(
                        region: "cn-hangzhou", subject: .init(commonName: "R"), algorithm: .ecP256, validityDays: 365,
                        pathLength: 1))
                let intermediate = try await pca.createIntermediate(
                    alice,
                    PCAIntermediateRequest(
                        parentID: root.id, subject: .init(commonName: "I"), algorithm: .ecP256, validityDays: 300))
                intermediateID = intermediate.id
                _ = try await pca.revokeAuthority(alice, id: intermediate.id, reason: .affiliationChanged)
            }
            let store = try LMDBInventoryStore(directory: directory, configuration: InventoryFixtures.configuration)
            defer { store.close() }
            let pca = PrivateCertificateAuthorities(store: store, clock: clock, sealer: sealer)
            let reopened = try pca.authority(alice, id: intermediateID)
            #expect(reopened.isRevoked && reopened.revocationReason == .affiliationChanged)
        }
    }
}
