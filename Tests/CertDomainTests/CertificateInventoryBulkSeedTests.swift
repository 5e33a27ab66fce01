import CertCrypto
import CertDomain
import CertTestSupport
import Foundation
import Testing

@Suite("CertificateInventory bulk seeding")
struct CertificateInventoryBulkSeedTests {
    @Test("seeded entries are distinct uploads of the templates, downloadable with their own sealed key")
    func seedsDistinctDownloadableEntries() async throws {
        let f = try await DomainFixture()
        let first = try f.pki.leaf(commonName: "one.example.com", days: 90)
        let second = try f.pki.leaf(commonName: "two.example.com", days: 30)
        let templates = [first, second].map { leaf in
            CertificateUpload(
                name: "ignored", certificate: leaf.certificatePEM, chain: f.pki.chainPEM, privateKey: leaf.keyPEM,
                tags: ["env": "bench"])
        }
        var progress: [Int] = []
        let written = try await f.inventory.seedCertificates(
            f.alice, templates: templates, count: 7, namePrefix: "seed-", batchSize: 3
        ) { progress.append($0) }
        #expect(written == 7)
        #expect(progress == [3, 6, 7])
        let listing = try f.inventory.listCertificates(
            f.alice, sort: CertificateSort(field: .name, order: .ascending), limit: 100)
        #expect(listing.entries.map(\.name) == (0..<7).map { "seed-\($0)" }.sorted())
        #expect(Set(listing.entries.map(\.id)).count == 7)
        let third = try #require(listing.entries.first { $0.name == "seed-2" })
        #expect(third.leafDER == first.certificate.der && third.tags == ["env": "bench"])
        #expect(third.details.commonName == "one.example.com" && third.details.chainLength == 2)
        let download = try await f.inventory.downloadCertificate(f.alice, id: third.id)
        #expect(download.privateKeyPKCS8 == first.key.pkcs8DER)
        let other = try #require(listing.entries.first { $0.name == "seed-5" })
        #expect(other.leafDER == second.certificate.der)
        #expect(other.sealedKeys != third.sealedKeys)
        #expect(try f.inventory.summary(f.alice).total == 7)
        #expect(try f.inventory.summary(f.bob).total == 0)
    }

    @Test("a name that exists stops the seeding with nameTaken; earlier batches stay")
    func existingNameStops() async throws {
        let f = try await DomainFixture()
        try await f.upload(f.alice, name: "seed-3")
        let leaf = try f.pki.leaf(commonName: "one.example.com", days: 90)
        let template = CertificateUpload(name: "x", certificate: leaf.certificatePEM, privateKey: leaf.keyPEM)
        await #expect(throws: DomainError.nameTaken(name: "seed-3")) {
            try await f.inventory.seedCertificates(
                f.alice, templates: [template], count: 5, namePrefix: "seed-", batchSize: 2)
        }
        #expect(try f.inventory.summary(f.alice).total == 3)
    }

    @Test("templates without a key, with a mismatched key or none at all are refused before anything is written")
    func badTemplatesAreRefused() async throws {
        let f = try await DomainFixture()
        let leaf = try f.pki.leaf(commonName: "one.example.com", days: 90)
        await #expect(throws: DomainError.invalidArgument(field: "templates", detail: "give at least one")) {
            try await f.inventory.seedCertificates(f.alice, templates: [], count: 1, namePrefix: "s-")
        }
        await #expect(
            throws: DomainError.invalidArgument(field: "templates", detail: "every template needs a private key")
        ) {
            try await f.inventory.seedCertificates(
                f.alice, templates: [CertificateUpload(name: "x", certificate: leaf.certificatePEM)], count: 1,
                namePrefix: "s-")
        }
        let foreign = Array(try PrivateKey.generate(.p256).pkcs8PEM().utf8)
        do {
            _ = try await f.inventory.seedCertificates(
                f.alice,
                templates: [CertificateUpload(name: "x", certificate: leaf.certificatePEM, privateKey: foreign)],
                count: 1, namePrefix: "s-")
            Issue.record("a template with a foreign key was accepted")
        } catch {
            guard case .invalidCertificate = error else {
                Issue.record("expected invalidCertificate, got \(error)")
                return
            }
        }
        #expect(try f.inventory.summary(f.alice).total == 0)
    }
}
