import CertCrypto
import CertDomain
import CertTestSupport
import Foundation
import Testing

@Suite("CertificateInventory")
struct CertificateInventoryTests {
    // MARK: Upload

    @Test("an international upload stores the ordered chain, the details and a sealed key")
    func uploadInternational() async throws {
        let f = try await DomainFixture()
        let leaf = try f.pki.leaf(commonName: "shop.example.com", days: 90, extraNames: ["alt.shop.example.com"])
        // Chain given in the wrong order inside the certificate field: CertCrypto orders it.
        let certificateField = Array(
            (f.pki.root.certificate.pem + leaf.certificate.pem + f.pki.intermediate.certificate.pem).utf8)
        let result = try await f.inventory.uploadCertificate(
            f.alice,
            CertificateUpload(
                name: "shop", certificate: certificateField, privateKey: leaf.keyPEM, resourceGroup: "prod",
                tags: ["env": "prod"]))
        let entry = result.entry
        #expect(entry.id.rawValue.hasPrefix("cert-") && entry.id.rawValue.count == 21)
        #expect(entry.leafDER == leaf.certificate.der)
        #expect(entry.chainDER == [f.pki.intermediate.certificate.der, f.pki.root.certificate.der])
        #expect(entry.details.commonName == "shop.example.com")
        #expect(entry.details.sans == ["shop.example.com", "alt.shop.example.com"])
        #expect(entry.details.fingerprintSHA256 == leaf.certificate.sha256Fingerprint)
        #expect(entry.details.keyAlgorithm == .ec && entry.details.curve == "P-256")
        #expect(entry.details.chainLength == 2 && entry.details.isChainComplete && entry.warnings.isEmpty)
        #expect(entry.source == .uploaded && entry.algorithm == .international && entry.createdAt == f.clock.now())
        let sealed = try #require(entry.sealedKey(.signing))
        #expect(!Self.contains(sealed.blob, leaf.key.pkcs8DER))
        #expect(result.sameFingerprint.isEmpty)
        #expect(try f.inventory.certificate(f.alice, id: entry.id) == entry)
    }

    @Test("a leaf without its issuers is stored with a chainIncomplete warning")
    func incompleteChainWarns() async throws {
        let f = try await DomainFixture()
        let leaf = try f.pki.leaf(commonName: "lonely.example.com", days: 90)
        let result = try await f.inventory.uploadCertificate(
            f.alice, CertificateUpload(name: "lonely", certificate: leaf.certificatePEM, privateKey: leaf.keyPEM))
        #expect(result.entry.details.isChainComplete == false)
        #expect(result.entry.warnings.map(\.code) == ["chainIncomplete"])
    }

    @Test("a key that does not match is refused and leaves nothing but a refusal event")
    func keyMismatchLeavesNothing() async throws {
        let f = try await DomainFixture()
        let leaf = try f.pki.leaf(commonName: "a.example.com", days: 90)
        let other = try PrivateKey.generate(.p256)
        let before = try f.store.read { try $0.lastAuditEvent()?.sequence }
        do {
            _ = try await f.inventory.uploadCertificate(
                f.alice,
                CertificateUpload(
                    name: "a", certificate: leaf.certificatePEM, privateKey: Array(try other.pkcs8PEM().utf8)))
            Issue.record("upload with a foreign key succeeded")
        } catch {
            #expect((error as? DomainError)?.reason == "keyMismatch")
        }
        #expect(try f.inventory.listCertificates(f.alice).entries.isEmpty)
        let events = try f.audit.list(f.admin, AuditQuery(limit: 1))
        #expect(events.first?.sequence == (before ?? 0) + 1)
        #expect(events.first?.outcome == .failure(reason: "keyMismatch"))
        #expect(try f.audit.verifyChain().isIntact)
    }

    @Test("an encrypted key needs its passphrase")
    func encryptedKey() async throws {
        let f = try await DomainFixture()
        let leaf = try f.pki.leaf(commonName: "enc.example.com", days: 90)
        let encrypted = Array(try leaf.key.pkcs8PEM(passphrase: "s3cret").utf8)
        await #expect(throws: DomainError.invalidCertificate(.encryptedKeyNeedsPassphrase(field: .privateKey))) {
            try await f.inventory.uploadCertificate(
                f.alice, CertificateUpload(name: "enc", certificate: leaf.certificatePEM, privateKey: encrypted))
        }
        let result = try await f.inventory.uploadCertificate(
            f.alice,
            CertificateUpload(
                name: "enc", certificate: leaf.certificatePEM, privateKey: encrypted, passphrase: Array("s3cret".utf8)))
        #expect(result.entry.name == "enc")
    }

    @Test("a certificate without a key or CSR is refused as a missing key, and the message names --csr")
    func missingKey() async throws {
        let f = try await DomainFixture()
        let leaf = try f.pki.leaf(commonName: "nokey.example.com", days: 90)
        let error = await #expect(throws: DomainError.invalidCertificate(.emptyInput(field: .privateKey))) {
            try await f.inventory.uploadCertificate(
                f.alice, CertificateUpload(name: "nokey", certificate: leaf.certificatePEM))
        }
        #expect(error?.message.contains("--csr") == true)
        #expect(error?.reason == "emptyInput")
    }

    @Test("names are unique per account, not across accounts")
    func namesUnique() async throws {
        let f = try await DomainFixture()
        try await f.upload(f.alice, name: "web")
        await #expect(throws: DomainError.nameTaken(name: "web")) { try await f.upload(f.alice, name: "web") }
        // The same name under another account is fine, and NFC-equal spellings are the same name.
        try await f.upload(f.bob, name: "web")
        try await f.upload(f.alice, name: "caf\u{e9}")
        await #expect(throws: DomainError.nameTaken(name: "caf\u{e9}")) {
            try await f.upload(f.alice, name: "cafe\u{301}")
        }
        #expect(try f.inventory.listCertificates(f.alice).entries.count == 2)
    }

    @Test("the same certificate under a second name is allowed and reports the first entry")
    func duplicateFingerprint() async throws {
        let f = try await DomainFixture()
        let leaf = try f.pki.leaf(commonName: "dup.example.com", days: 90)
        let first = try await f.inventory.uploadCertificate(
            f.alice, CertificateUpload(name: "one", certificate: leaf.certificatePEM, privateKey: leaf.keyPEM))
        let second = try await f.inventory.uploadCertificate(
            f.alice, CertificateUpload(name: "two", certificate: leaf.certificatePEM, privateKey: leaf.keyPEM))
        #expect(second.sameFingerprint == [first.entry.id])
        let bobs = try await f.inventory.uploadCertificate(
            f.bob, CertificateUpload(name: "one", certificate: leaf.certificatePEM, privateKey: leaf.keyPEM))
        #expect(bobs.sameFingerprint.isEmpty)
    }

    // MARK: SM2

    @Test("an SM2 dual certificate is stored with both keys sealed")
    func uploadSM2Dual() async throws {
        let f = try await DomainFixture()
        let signing = try f.pki.sm2Leaf(commonName: "gm.example.cn", usage: [.digitalSignature])
        let encryption = try f.pki.sm2Leaf(commonName: "gm.example.cn", usage: [.keyEncipherment, .dataEncipherment])
        let result = try await f.inventory.uploadSM2DualCertificate(
            f.alice,
            SM2DualUpload(
                name: "gm", signingCertificate: signing.certificatePEM, signingPrivateKey: signing.keyPEM,
                encryptionCertificate: encryption.certificatePEM, encryptionPrivateKey: encryption.keyPEM,
                chain: Array(f.pki.sm2Root.certificate.pem.utf8)))
        #expect(result.entry.algorithm == .sm2 && result.entry.details.keyAlgorithm == .sm2)
        #expect(result.entry.encryptionCertificateDER == encryption.certificate.der)
        #expect(result.entry.sealedKeys.map(\.role) == [.signing, .encryption])
        let download = try await f.inventory.downloadCertificate(f.alice, id: result.entry.id)
        #expect(download.privateKeyPKCS8 == signing.key.pkcs8DER)
        #expect(download.encryptionPrivateKeyPKCS8 == encryption.key.pkcs8DER)
    }

    @Test("an SM2 dual upload with the signing key in the encryption slot is refused naming the encryption pair")
    func sm2SwappedEncryptionKey() async throws {
        let f = try await DomainFixture()
        let signing = try f.pki.sm2Leaf(commonName: "gm.example.cn", usage: [.digitalSignature])
        let encryption = try f.pki.sm2Leaf(commonName: "gm.example.cn", usage: [.keyEncipherment])
        do {
            _ = try await f.inventory.uploadSM2DualCertificate(
                f.alice,
                SM2DualUpload(
                    name: "gm", signingCertificate: signing.certificatePEM, signingPrivateKey: signing.keyPEM,
                    encryptionCertificate: encryption.certificatePEM, encryptionPrivateKey: signing.keyPEM))
            Issue.record("swapped encryption key accepted")
        } catch let DomainError.invalidCertificate(.keyMismatch(pair, _, _, _, _)) {
            #expect(pair == .encryption)
        }
        #expect(try f.inventory.listCertificates(f.alice).entries.isEmpty)
    }

    @Test("an SM2 dual upload of non-SM2 certificates is refused")
    func sm2NeedsSM2() async throws {
        let f = try await DomainFixture()
        let a = try f.pki.leaf(commonName: "x.example.com", days: 30)
        let b = try f.pki.leaf(commonName: "x.example.com", days: 30)
        do {
            _ = try await f.inventory.uploadSM2DualCertificate(
                f.alice,
                SM2DualUpload(
                    name: "x", signingCertificate: a.certificatePEM, signingPrivateKey: a.keyPEM,
                    encryptionCertificate: b.certificatePEM, encryptionPrivateKey: b.keyPEM))
            Issue.record("EC certificates accepted as SM2 dual")
        } catch {
            #expect(error.reason == "unsupportedAlgorithm")
        }
    }

    // MARK: Authorization

    @Test("another account cannot get, list, download, update or delete an entry, and learns nothing")
    func otherAccountSeesNotFound() async throws {
        let f = try await DomainFixture()
        let id = try await f.upload(f.alice, name: "secret").entry.id
        let missing = CertificateID(rawValue: "cert-0000000000000000")
        for target in [id, missing] {
            #expect(throws: DomainError.certificateNotFound(id: target)) {
                try f.inventory.certificate(f.bob, id: target)
            }
            await #expect(throws: DomainError.certificateNotFound(id: target)) {
                try await f.inventory.downloadCertificate(f.bob, id: target)
            }
            await #expect(throws: DomainError.certificateNotFound(id: target)) {
                try await f.inventory.updateCertificate(f.bob, id: target, CertificateUpdate(name: "mine"))
            }
            await #expect(throws: DomainError.certificateNotFound(id: target)) {
                try await f.inventory.deleteCertificate(f.bob, id: target)
            }
        }
        #expect(try f.inventory.listCertificates(f.bob).entries.isEmpty)
        #expect(try f.inventory.summary(f.bob).total == 0)
        // The admin manages accounts, not other accounts' certificates.
        #expect(throws: DomainError.certificateNotFound(id: id)) { try f.inventory.certificate(f.admin, id: id) }
        #expect(try f.inventory.certificate(f.alice, id: id).name == "secret")
    }

    // MARK: Listing

    @Test("expiry status follows the manual clock")
    func expiryByClock() async throws {
        let f = try await DomainFixture()
        let soon = try await f.upload(f.alice, name: "soon", days: 10).entry
        let later = try await f.upload(f.alice, name: "later", days: 200).entry
        #expect(f.inventory.status(of: soon) == .expiringSoon && f.inventory.status(of: later) == .valid)
        func names(_ expiry: ExpiryFilter) throws -> [String] {
            try f.inventory.listCertificates(f.alice, filter: CertificateFilter(expiry: expiry)).entries.map(\.name)
        }
        #expect(try names(.expiringWithin(days: 30)) == ["soon"])
        #expect(try names(.expired).isEmpty)
        f.clock.advance(by: 11 * 86_400)
        #expect(f.inventory.status(of: soon) == .expired)
        #expect(try names(.expired) == ["soon"])
        #expect(try names(.notExpired) == ["later"])
        let summary = try f.inventory.summary(f.alice)
        #expect(summary.expired == 1 && summary.valid == 1 && summary.total == 2)
        await #expect(throws: DomainError.invalidArgument(field: "expiry", detail: "days must be 0...36500")) {
            try f.inventory.listCertificates(f.alice, filter: CertificateFilter(expiry: .expiringWithin(days: -1)))
        }
    }

    @Test("filters by tag, resource group and text")
    func filters() async throws {
        let f = try await DomainFixture()
        try await f.upload(
            f.alice, name: "shop", commonName: "shop.example.com", tags: ["env": "prod"], resourceGroup: "web")
        try await f.upload(
            f.alice, name: "api", commonName: "api.example.com", tags: ["env": "staging"], resourceGroup: "web")
        try await f.upload(
            f.bob, name: "shop", commonName: "shop.example.com", tags: ["env": "prod"], resourceGroup: "web")
        func names(_ filter: CertificateFilter) throws -> [String] {
            try f.inventory.listCertificates(
                f.alice, filter: filter, sort: CertificateSort(field: .name, order: .ascending)
            ).entries.map(\.name)
        }
        #expect(try names(CertificateFilter(tag: TagFilter(key: "env", value: "prod"))) == ["shop"])
        #expect(try names(CertificateFilter(resourceGroup: "web")) == ["api", "shop"])
        #expect(try names(CertificateFilter(text: "ALT.API")) == ["api"])
        #expect(try names(CertificateFilter(source: .pca)).isEmpty)
    }

    @Test("pages stay correct while entries are inserted and deleted")
    func paginationUnderChange() async throws {
        let f = try await DomainFixture()
        var initial: [CertificateID] = []
        for index in 0..<12 {
            initial.append(try await f.upload(f.alice, name: "c\(index)", days: 30 + index).entry.id)
        }
        var seen: [CertificateID] = []
        var token: String?
        var deleted: Set<CertificateID> = []
        var round = 0
        repeat {
            let page = try f.inventory.listCertificates(f.alice, limit: 5, pageToken: token)
            seen += page.entries.map(\.id)
            token = page.nextPageToken
            if let victim = initial.first(where: { !seen.contains($0) && !deleted.contains($0) }) {
                try await f.inventory.deleteCertificate(f.alice, id: victim)
                deleted.insert(victim)
            }
            try await f.upload(f.alice, name: "late\(round)", days: 1)  // sorts before every cursor: never seen
            round += 1
        } while token != nil
        #expect(Set(seen).count == seen.count)
        #expect(Set(initial).subtracting(deleted).isSubset(of: Set(seen)))
        #expect(seen.allSatisfy { initial.contains($0) })
    }

    @Test("a page token is refused for another sort or when forged")
    func badPageToken() async throws {
        let f = try await DomainFixture()
        for index in 0..<3 { try await f.upload(f.alice, name: "c\(index)") }
        let page = try f.inventory.listCertificates(f.alice, limit: 1)
        let token = try #require(page.nextPageToken)
        #expect(try f.inventory.listCertificates(f.alice, limit: 1, pageToken: token).entries.count == 1)
        #expect(throws: DomainError.invalidPageToken) {
            try f.inventory.listCertificates(
                f.alice, sort: CertificateSort(field: .name, order: .ascending), pageToken: token)
        }
        #expect(throws: DomainError.invalidPageToken) {
            try f.inventory.listCertificates(f.alice, pageToken: "garbage!")
        }
    }

    // MARK: Update, delete, download

    @Test("update renames, retags and regroups; a taken name is refused")
    func update() async throws {
        let f = try await DomainFixture()
        let entry = try await f.upload(f.alice, name: "web", tags: ["env": "prod", "team": "a"]).entry
        try await f.upload(f.alice, name: "api")
        f.clock.advance(by: 60)
        let updated = try await f.inventory.updateCertificate(
            f.alice, id: entry.id,
            CertificateUpdate(name: "web-2", setTags: ["owner": "ops"], removeTags: ["team"], resourceGroup: "edge"))
        #expect(
            updated.name == "web-2" && updated.tags == ["env": "prod", "owner": "ops"]
                && updated.resourceGroup == "edge")
        #expect(updated.updatedAt == f.clock.now() && updated.createdAt == entry.createdAt)
        await #expect(throws: DomainError.nameTaken(name: "api")) {
            try await f.inventory.updateCertificate(f.alice, id: entry.id, CertificateUpdate(name: "api"))
        }
        #expect(try f.inventory.certificate(f.alice, id: entry.id) == updated)
    }

    @Test("delete is irreversible and audited; the rest is untouched")
    func delete() async throws {
        let f = try await DomainFixture()
        let gone = try await f.upload(f.alice, name: "gone").entry
        let kept = try await f.upload(f.alice, name: "kept").entry
        try await f.inventory.deleteCertificate(f.alice, id: gone.id)
        #expect(throws: DomainError.certificateNotFound(id: gone.id)) {
            try f.inventory.certificate(f.alice, id: gone.id)
        }
        await #expect(throws: DomainError.certificateNotFound(id: gone.id)) {
            try await f.inventory.deleteCertificate(f.alice, id: gone.id)
        }
        #expect(try f.inventory.listCertificates(f.alice).entries == [kept])
        let deletions = try f.audit.list(f.admin, AuditQuery(action: .certificateDeleted))
        #expect(deletions.map(\.outcome) == [.failure(reason: "notFound"), .success])
    }

    @Test("download returns the matching key and is audited as a key download")
    func download() async throws {
        let f = try await DomainFixture()
        let leaf = try f.pki.leaf(commonName: "dl.example.com", days: 90)
        let entry = try await f.inventory.uploadCertificate(
            f.alice, CertificateUpload(name: "dl", certificate: leaf.certificatePEM, privateKey: leaf.keyPEM)
        ).entry
        let download = try await f.inventory.downloadCertificate(f.alice, id: entry.id)
        let key = try PrivateKey(bytes: try #require(download.privateKeyPKCS8), passphrase: nil)
        #expect(KeyMatcher.matches(certificate: leaf.certificate, key: key))
        #expect(download.encryptionPrivateKeyPKCS8 == nil)
        let events = try f.audit.list(f.admin, AuditQuery(action: .keyDownloaded))
        #expect(events.count == 1 && events[0].actor == f.alice.accountID && events[0].target == entry.id.rawValue)
    }

    @Test("a sealed key copied into another entry does not open")
    func sealedKeyBoundToEntry() async throws {
        let f = try await DomainFixture()
        let source = try await f.upload(f.alice, name: "source").entry
        let target = try await f.upload(f.alice, name: "target").entry
        try await f.store.write { writer in
            var moved = target
            moved.sealedKeys = source.sealedKeys
            try writer.putCertificate(moved)
        }
        await #expect(throws: DomainError.keyUnavailable(.authenticationFailed)) {
            try await f.inventory.downloadCertificate(f.alice, id: target.id)
        }
        #expect(
            try f.audit.list(f.admin, AuditQuery(action: .keyDownloaded)).first?.outcome
                == .failure(reason: "keyUnavailable"))
    }

    // MARK: Helpers

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}

@Suite("CertificateInventory concurrency")
struct CertificateInventoryConcurrencyTests {
    @Test("concurrent uploads under one name: exactly one wins, the rest are refused, the audit chain holds")
    func concurrentSameName() async throws {
        let f = try await DomainFixture()
        let leaves = try (0..<12).map { _ in try f.pki.leaf(commonName: "race.example.com", days: 90) }
        let outcomes = await withTaskGroup(of: Result<CertificateID, DomainError>.self) { group in
            for leaf in leaves {
                group.addTask {
                    do {
                        let result = try await f.inventory.uploadCertificate(
                            f.alice,
                            CertificateUpload(name: "race", certificate: leaf.certificatePEM, privateKey: leaf.keyPEM))
                        return .success(result.entry.id)
                    } catch {
                        return .failure(error as! DomainError)
                    }
                }
            }
            var outcomes: [Result<CertificateID, DomainError>] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        let winners = outcomes.compactMap { try? $0.get() }
        #expect(winners.count == 1)
        #expect(outcomes.filter { if case .failure(.nameTaken("race")) = $0 { true } else { false } }.count == 11)
        #expect(try f.inventory.listCertificates(f.alice).entries.map(\.id) == winners)
        #expect(try f.audit.verifyChain() == .intact(eventCount: 3 + 12))
    }

    @Test("every domain error has a non-empty message and a camelCase reason")
    func messages() {
        let errors: [DomainError] = [
            .unauthenticated, .permissionDenied, .accountNotFound(id: AccountID(rawValue: "a")),
            .nameTaken(name: "x"), .csrHasNoKey(csrID: CSRID(rawValue: "csr-1")), .storageFull, .storageUnavailable,
            .invalidCertificate(.emptyInput(field: .privateKey)), .invalidPageToken,
        ]
        for error in errors {
            #expect(!error.message.isEmpty)
            #expect(error.reason.first?.isLowercase == true && !error.reason.contains(" "))
        }
        #expect(DomainError.certificateNotFound(id: CertificateID(rawValue: "cert-1")).reason == "notFound")
    }
}
