import CertCrypto
import CertDomain
import Foundation
import Testing

/// Official certificates (issue 6): the default issuer, orders and renewals.
@Suite("OfficialCertificates")
struct OfficialCertificatesTests {
    @Test("the default official CA is created once, its key sealed outside the document body")
    func defaultIssuer() async throws {
        let f = try await SharingFixture()
        let again = try await OfficialIssuer.loadOrCreateDefault(
            store: f.domain.store, clock: f.domain.clock, sealer: f.sealer)
        #expect(again.wasCreated == false)
        #expect(again.issuer.authority.certificate.der == f.issuer.authority.certificate.der)
        #expect(f.issuer.authority.certificate.details.isCA)
        let document = try #require(
            try f.domain.store.read { try $0.document(DocumentCollection("official.issuer"), key: "default") })
        #expect(document.sealedKeys.map(\.role) == [.signing])
        let keyDER = f.issuer.authority.key.pkcs8DER
        #expect(!document.body.indices.contains { document.body[$0...].starts(with: keyDER.prefix(48)) })
        // Another master key cannot open it.
        await #expect(throws: DomainError.self) {
            _ = try await OfficialIssuer.loadOrCreateDefault(
                store: f.domain.store, clock: f.domain.clock, sealer: Sealer(masterKey: try MasterKey.generate()))
        }
    }

    @Test("an operator CA must be a CA with its own key")
    func operatorIssuer() throws {
        try OpenSSLProviders.loadOnce()
        let key = try PrivateKey.generate(.p256)
        let ca = try CertificateAuthority.makeRoot(
            subject: DistinguishedName(commonName: "operator CA"), key: key,
            validity: Validity.days(30, from: Date()))
        let issuer = try OfficialIssuer(
            certificatePEM: Array(ca.certificate.pem.utf8), keyPEM: Array(try key.pkcs8PEM().utf8))
        #expect(issuer.chain.map(\.der) == [ca.certificate.der])
        let otherKey = try PrivateKey.generate(.p256)
        #expect(throws: DomainError.self) {
            try OfficialIssuer(
                certificatePEM: Array(ca.certificate.pem.utf8), keyPEM: Array(try otherKey.pkcs8PEM().utf8))
        }
        let leaf = try ca.issueLeaf(
            subject: DistinguishedName(commonName: "leaf"), publicKey: otherKey.publicKey,
            subjectAlternativeNames: [], validity: Validity.days(30, from: Date()))
        let leafPEM = Array(leaf.pem.utf8)
        let otherKeyPEM = Array(try otherKey.pkcs8PEM().utf8)
        do throws(DomainError) {
            _ = try OfficialIssuer(certificatePEM: leafPEM, keyPEM: otherKeyPEM)
            Issue.record("a leaf was accepted as the official CA")
        } catch {
            #expect(error.reason == "notACertificateAuthority")
        }
    }

    @Test("an order is fulfilled at once: official source, sealed key, requested domains and validity")
    func order() async throws {
        let f = try await SharingFixture()
        let entry = try await f.official.order(
            f.alice,
            OfficialOrder(
                domains: ["Shop.Example.com", "*.shop.example.com", "shop.example.com"], algorithm: .rsa(bits: 2048),
                validityDays: 30))
        #expect(entry.source == .official)
        #expect(entry.ownerAccountID == f.alice.accountID)
        #expect(entry.name == "shop.example.com")
        #expect(entry.details.sans == ["shop.example.com", "*.shop.example.com"])
        #expect(entry.details.keyAlgorithm == .rsa && entry.details.keySizeBits == 2048)
        #expect(entry.details.issuer == f.issuer.authority.certificate.subject)
        #expect(entry.chainDER == [f.issuer.authority.certificate.der])
        #expect(entry.details.isChainComplete)
        let days = entry.details.notAfter.timeIntervalSince(f.domain.clock.now()) / 86_400
        #expect((29.9...30.1).contains(days))
        #expect(entry.sealedKeys.map(\.role) == [.signing])
        let download = try await f.inventory.downloadCertificate(f.alice, id: entry.id)
        let key = try PrivateKey(bytes: try #require(download.privateKeyPKCS8), passphrase: nil)
        try KeyMatcher.check(certificate: try Certificate(der: entry.leafDER), key: key)
        #expect(try f.events(about: entry.id.rawValue).first?.action == .certificateOrdered)
        // A second order of the same domain gets a distinct name; a chosen name in use is refused.
        let second = try await f.order(f.alice)
        #expect(second.name != entry.name && second.name.hasPrefix("shop.example.com"))
        await #expect(throws: DomainError.nameTaken(name: "shop.example.com")) {
            try await f.official.order(f.alice, OfficialOrder(domains: ["a.example.com"], name: "shop.example.com"))
        }
    }

    @Test("an SM2 order yields a signing and an encryption certificate with two sealed keys")
    func orderSM2() async throws {
        let f = try await SharingFixture()
        let entry = try await f.order(f.alice, ["gm.example.cn"], algorithm: .sm2)
        #expect(entry.algorithm == .sm2)
        #expect(entry.details.keyAlgorithm == .sm2)
        #expect(entry.encryptionCertificateDER != nil)
        #expect(entry.sealedKeys.map(\.role) == [.signing, .encryption])
        #expect(entry.details.issuer.contains("certd official SM2 CA"))
        #expect(entry.details.isChainComplete)
        // Without an SM2 CA, SM2 is not offered.
        let international = OfficialCertificates(
            store: f.domain.store, clock: f.domain.clock, sealer: f.sealer, issuer: f.issuer)
        await #expect(throws: DomainError.self) {
            try await international.order(f.alice, OfficialOrder(domains: ["gm2.example.cn"], algorithm: .sm2))
        }
    }

    @Test("bad orders are refused with the field named, and audited")
    func badOrders() async throws {
        let f = try await SharingFixture()
        let cases: [(OfficialOrder, String)] = [
            (OfficialOrder(domains: []), "domains"),
            (OfficialOrder(domains: ["not a domain"]), "domains"),
            (OfficialOrder(domains: ["-bad.example.com"]), "domains"),
            (OfficialOrder(domains: ["ok.example.com"], validityDays: 0), "validityDays"),
            (OfficialOrder(domains: ["ok.example.com"], validityDays: 3651), "validityDays"),
            (OfficialOrder(domains: ["ok.example.com"], algorithm: .ed25519), "algorithm"),
            (OfficialOrder(domains: ["ok.example.com"], algorithm: .rsa(bits: 1024)), "algorithm"),
        ]
        for (order, field) in cases {
            do {
                _ = try await f.official.order(f.alice, order)
                Issue.record("order \(order.domains) was accepted")
            } catch {
                guard case .invalidArgument(let named, _) = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
                #expect(named == field)
            }
        }
        #expect(try f.inventory.listCertificates(f.alice).entries.isEmpty)
        let refused = try f.domain.audit.list(
            f.domain.admin, AuditQuery(action: .certificateOrdered, outcome: .failure))
        #expect(refused.count == cases.count)
        #expect(refused.allSatisfy { $0.outcome == .failure(reason: "invalidArgument") })
    }

    @Test("renewal keeps id, name, domains and labels and replaces certificate and key")
    func renew() async throws {
        let f = try await SharingFixture()
        let original = try await f.order(f.alice, ["api.example.com", "www.api.example.com"])
        _ = try await f.inventory.updateCertificate(
            f.alice, id: original.id, CertificateUpdate(setTags: ["env": "prod"]))
        f.domain.clock.advance(by: 86_400)
        let renewed = try await f.renewal.renew(f.alice, id: original.id)
        #expect(renewed.id == original.id)
        #expect(renewed.name == original.name)
        #expect(renewed.tags == ["env": "prod"])
        #expect(renewed.createdAt == original.createdAt)
        #expect(renewed.details.sans == original.details.sans)
        #expect(renewed.details.fingerprintSHA256 != original.details.fingerprintSHA256)
        #expect(renewed.details.notAfter > original.details.notAfter)
        let oldKey = try await f.inventory.downloadCertificate(f.alice, id: original.id)
        #expect(oldKey.entry.leafDER == renewed.leafDER)
        let stored = try f.inventory.certificate(f.alice, id: original.id)
        #expect(stored.details.fingerprintSHA256 == renewed.details.fingerprintSHA256)
        let history = try f.events(about: original.id.rawValue).map(\.action)
        #expect(history.contains(.certificateOrdered) && history.contains(.certificateRenewed))
        let renewal = try #require(try f.events(about: original.id.rawValue).last { $0.action == .certificateRenewed })
        #expect(renewal.details["previousFingerprint"] == original.details.fingerprintSHA256)
    }

    @Test("renewal refuses uploaded (use cert replace), shared and foreign certificates")
    func renewRefused() async throws {
        let f = try await SharingFixture()
        let uploaded = try await f.domain.upload(f.alice, name: "up").entry
        do {
            _ = try await f.renewal.renew(f.alice, id: uploaded.id)
            Issue.record("an uploaded certificate was renewed")
        } catch {
            #expect(error == .renewalUnsupported(id: uploaded.id, source: .uploaded))
            #expect(error.message.contains("certctl cert replace"))
        }
        let official = try await f.order(f.alice)
        await #expect(throws: DomainError.certificateNotFound(id: official.id)) {
            try await f.renewal.renew(f.carol, id: official.id)
        }
        let share = try await f.sharing.share(f.alice, id: official.id, with: f.carol.accountID)
        await #expect(throws: DomainError.renewalUnsupported(id: share.recipientCertificateID, source: .shared)) {
            try await f.renewal.renew(f.carol, id: share.recipientCertificateID)
        }
        let refused = try f.domain.audit.list(
            f.domain.admin, AuditQuery(action: .certificateRenewed, outcome: .failure))
        #expect(refused.count == 3)
    }
}
