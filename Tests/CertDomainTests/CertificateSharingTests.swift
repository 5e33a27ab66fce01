import CertCrypto
import CertDomain
import Foundation
import Testing

/// Sharing (issue 6): every rule accepted and refused with its own reason, and the lifecycle of a
/// share (recipient view, renewal, unshare, deletion on either side), all audited.
@Suite("CertificateSharing")
struct CertificateSharingTests {
    @Test("an owner shares an official certificate; the recipient sees a key-less read-only entry")
    func share() async throws {
        let f = try await SharingFixture()
        let original = try await f.order(f.alice)
        let share = try await f.sharing.share(f.alice, id: original.id, with: f.carol.accountID)
        #expect(share.certificateID == original.id)
        #expect(share.ownerAccountID == f.alice.accountID)
        #expect(share.recipientAccountID == f.carol.accountID)
        #expect(share.sharedAt == f.domain.clock.now())

        let listed = try f.inventory.listCertificates(f.carol).entries
        #expect(listed.map(\.id) == [share.recipientCertificateID])
        let copy = try f.inventory.certificate(f.carol, id: share.recipientCertificateID)
        #expect(copy.source == .shared)
        #expect(copy.sharedFrom == ShareOrigin(ownerAccountID: f.alice.accountID, certificateID: original.id))
        #expect(copy.sealedKeys.isEmpty)
        #expect(copy.leafDER == original.leafDER && copy.chainDER == original.chainDER)
        #expect(copy.name == original.name)
        #expect(
            try f.inventory.listCertificates(f.carol, filter: CertificateFilter(source: .shared)).entries.count == 1)

        // Share status on both sides.
        #expect(try f.sharing.shares(f.alice, id: original.id) == [share])
        #expect(try f.sharing.shares(f.carol, id: copy.id) == [share])
        #expect(try f.inventory.shares(of: original) == [share])

        // The recipient can neither download nor change it; the owner's entry stays invisible to it.
        await #expect(throws: DomainError.downloadForbidden(id: copy.id)) {
            try await f.inventory.downloadCertificate(f.carol, id: copy.id)
        }
        await #expect(throws: DomainError.sharedCertificateReadOnly(id: copy.id)) {
            try await f.inventory.updateCertificate(f.carol, id: copy.id, CertificateUpdate(name: "mine"))
        }
        #expect(throws: DomainError.certificateNotFound(id: original.id)) {
            try f.inventory.certificate(f.carol, id: original.id)
        }
        await #expect(throws: DomainError.certificateNotFound(id: original.id)) {
            try await f.inventory.deleteCertificate(f.carol, id: original.id)
        }
        let shared = try f.events(about: original.id.rawValue).last { $0.action == .certificateShared }
        #expect(shared?.outcome == .success)
        #expect(shared?.details["recipient"] == "carol")
        let refusedDownload = try f.events(about: copy.id.rawValue).first { $0.action == .keyDownloaded }
        #expect(refusedDownload?.outcome == .failure(reason: "downloadForbidden"))
    }

    @Test("each sharing rule refuses with its own reason, and each refusal is audited")
    func refusals() async throws {
        let f = try await SharingFixture()
        let official = try await f.order(f.alice)
        let uploaded = try await f.domain.upload(f.alice, name: "uploaded").entry

        func reason(_ caller: Caller, _ id: CertificateID, _ recipient: AccountID) async -> String? {
            do {
                _ = try await f.sharing.share(caller, id: id, with: recipient)
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(await reason(f.alice, uploaded.id, f.carol.accountID) == "notShareable")
        #expect(await reason(f.alice, official.id, f.frank.accountID) == "identityNotVerified")
        #expect(await reason(f.frank, official.id, f.alice.accountID) == "notFound")
        #expect(await reason(f.alice, official.id, f.dave.accountID) == "identityMismatch")
        #expect(await reason(f.alice, official.id, f.erin.accountID) == "identityMismatch")
        #expect(await reason(f.alice, official.id, f.bob.accountID) == "siteMismatch")
        #expect(await reason(f.alice, official.id, AccountID(rawValue: "nobody")) == "notFound")
        #expect(await reason(f.alice, official.id, f.alice.accountID) == "invalidArgument")
        #expect(await reason(f.carol, official.id, f.alice.accountID) == "notFound")

        let share = try await f.sharing.share(f.alice, id: official.id, with: f.carol.accountID)
        #expect(await reason(f.alice, official.id, f.carol.accountID) == "alreadyShared")
        // The recipient cannot pass it on, not even back to the owner's identity twin.
        #expect(await reason(f.carol, share.recipientCertificateID, f.alice.accountID) == "reshareForbidden")

        // An unverified owner is refused too (frank orders his own certificate).
        let franks = try await f.order(f.frank, ["frank.example.com"])
        #expect(await reason(f.frank, franks.id, f.alice.accountID) == "identityNotVerified")

        let refusals = try f.domain.audit.list(
            f.domain.admin, AuditQuery(action: .certificateShared, outcome: .failure))
        let reasons = Set(
            refusals.compactMap { event -> String? in
                guard case .failure(let reason) = event.outcome else { return nil }
                return reason
            })
        #expect(
            reasons == [
                "notShareable", "identityNotVerified", "notFound", "identityMismatch", "siteMismatch",
                "invalidArgument", "alreadyShared", "reshareForbidden",
            ])
        #expect(refusals.count == 12)
        #expect(try f.domain.audit.verifyChain().isIntact)
    }

    @Test("an owner's renewal reaches the recipient")
    func renewalReachesRecipient() async throws {
        let f = try await SharingFixture()
        let original = try await f.order(f.alice)
        let share = try await f.sharing.share(f.alice, id: original.id, with: f.carol.accountID)
        f.domain.clock.advance(by: 3_600)
        let renewed = try await f.renewal.renew(f.alice, id: original.id)
        let copy = try f.inventory.certificate(f.carol, id: share.recipientCertificateID)
        #expect(copy.leafDER == renewed.leafDER)
        #expect(copy.details.fingerprintSHA256 == renewed.details.fingerprintSHA256)
        #expect(copy.details.fingerprintSHA256 != original.details.fingerprintSHA256)
        #expect(copy.sealedKeys.isEmpty)
        #expect(copy.updatedAt == f.domain.clock.now())
        let event = try f.events(about: original.id.rawValue).last { $0.action == .certificateRenewed }
        #expect(event?.details["recipient"] == "carol")
    }

    @Test("the owner revokes a share: the recipient's entry goes, and the certificate can be shared again")
    func unshare() async throws {
        let f = try await SharingFixture()
        let original = try await f.order(f.alice)
        let share = try await f.sharing.share(f.alice, id: original.id, with: f.carol.accountID)
        let ended = try await f.sharing.unshare(f.alice, id: original.id)
        #expect(ended == share)
        #expect(try f.inventory.listCertificates(f.carol).entries.isEmpty)
        #expect(try f.sharing.shares(f.alice, id: original.id).isEmpty)
        await #expect(throws: DomainError.notShared(id: original.id)) {
            try await f.sharing.unshare(f.alice, id: original.id)
        }
        let event = try f.events(about: original.id.rawValue).last { $0.action == .certificateUnshared }
        #expect(event?.outcome == .failure(reason: "notShared"))
        let success = try f.events(about: original.id.rawValue).first { $0.action == .certificateUnshared }
        #expect(success?.outcome == .success)
        _ = try await f.sharing.share(f.alice, id: original.id, with: f.carol.accountID)
        #expect(try f.inventory.listCertificates(f.carol).entries.count == 1)
    }

    @Test("a recipient removing its entry ends the share; the owner's entry stays")
    func recipientRemoves() async throws {
        let f = try await SharingFixture()
        let original = try await f.order(f.alice)
        let share = try await f.sharing.share(f.alice, id: original.id, with: f.carol.accountID)
        try await f.inventory.deleteCertificate(f.carol, id: share.recipientCertificateID)
        #expect(try f.inventory.listCertificates(f.carol).entries.isEmpty)
        #expect(try f.inventory.certificate(f.alice, id: original.id).id == original.id)
        #expect(try f.sharing.shares(f.alice, id: original.id).isEmpty)
        let removed = try f.events(about: original.id.rawValue).last { $0.action == .sharedCertificateRemoved }
        #expect(removed?.actor == f.carol.accountID)

        // The recipient's unshare on its entry does the same.
        let again = try await f.sharing.share(f.alice, id: original.id, with: f.carol.accountID)
        try await f.sharing.unshare(f.carol, id: again.recipientCertificateID)
        #expect(try f.inventory.listCertificates(f.carol).entries.isEmpty)
        #expect(try f.sharing.shares(f.alice, id: original.id).isEmpty)
    }

    @Test("deleting the original ends the share and removes the recipient's entry")
    func ownerDeletes() async throws {
        let f = try await SharingFixture()
        let original = try await f.order(f.alice)
        let share = try await f.sharing.share(f.alice, id: original.id, with: f.carol.accountID)
        try await f.inventory.deleteCertificate(f.alice, id: original.id)
        #expect(try f.inventory.listCertificates(f.carol).entries.isEmpty)
        #expect(throws: DomainError.certificateNotFound(id: share.recipientCertificateID)) {
            try f.inventory.certificate(f.carol, id: share.recipientCertificateID)
        }
        let ended = try f.events(about: original.id.rawValue).last { $0.action == .shareEnded }
        #expect(ended?.details["recipient"] == "carol")
        #expect(ended?.details["cause"] == "originalDeleted")
    }

    @Test("a recipient whose name is taken gets the owner's name with the owner appended")
    func nameCollision() async throws {
        let f = try await SharingFixture()
        let original = try await f.order(f.alice)
        _ = try await f.order(f.carol)
        let share = try await f.sharing.share(f.alice, id: original.id, with: f.carol.accountID)
        let copy = try f.inventory.certificate(f.carol, id: share.recipientCertificateID)
        #expect(copy.name == "shop.example.com (shared by alice)")
    }
}
