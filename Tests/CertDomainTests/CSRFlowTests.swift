import CertCrypto
import CertDomain
import CertTestSupport
import Foundation
import Testing

@Suite("CertificateInventory CSRs")
struct CSRFlowTests {
    func issue(_ f: DomainFixture, for csr: CSREntry, days: Int = 90) throws -> Certificate {
        let request = try CertificateSigningRequest(bytes: csr.csrDER)
        return try f.pki.intermediate.issueLeaf(
            for: request,
            validity: Validity(
                notBefore: f.clock.now().addingTimeInterval(-60),
                notAfter: f.clock.now().addingTimeInterval(Double(days) * 86_400)))
    }

    func createCSR(_ f: DomainFixture, _ caller: Caller, cn: String = "csr.example.com") async throws -> CSREntry {
        try await f.inventory.createCSR(
            caller,
            CSRRequest(
                subject: DistinguishedName(commonName: cn), subjectAlternativeNames: [.dns(cn)], algorithm: .p256))
    }

    @Test("a certificate for a server-made CSR takes the CSR's key and marks it used")
    func uploadWithCSRKey() async throws {
        let f = try await DomainFixture()
        let csr = try await self.createCSR(f, f.alice)
        #expect(csr.sealedKey?.role == .csr && csr.commonName == "csr.example.com" && csr.sans == ["csr.example.com"])
        let certificate = try self.issue(f, for: csr)
        let entry = try await f.inventory.uploadCertificate(
            f.alice, CertificateUpload(name: "from-csr", certificate: Array(certificate.pem.utf8), csrID: csr.id)
        ).entry
        #expect(entry.csrID == csr.id)
        #expect(try f.inventory.csr(f.alice, id: csr.id).usedByCertificateID == entry.id)
        let download = try await f.inventory.downloadCertificate(f.alice, id: entry.id)
        let key = try PrivateKey(bytes: try #require(download.privateKeyPKCS8), passphrase: nil)
        #expect(KeyMatcher.matches(certificate: certificate, key: key))
        // The CSR's key is not reused: a second certificate for it is refused.
        let again = try self.issue(f, for: csr, days: 30)
        await #expect(throws: DomainError.csrAlreadyUsed(csrID: csr.id, certificateID: entry.id)) {
            try await f.inventory.uploadCertificate(
                f.alice, CertificateUpload(name: "again", certificate: Array(again.pem.utf8), csrID: csr.id))
        }
        // Deleting the certificate frees the CSR again.
        try await f.inventory.deleteCertificate(f.alice, id: entry.id)
        #expect(try f.inventory.csr(f.alice, id: csr.id).usedByCertificateID == nil)
        _ = try await f.inventory.uploadCertificate(
            f.alice, CertificateUpload(name: "again", certificate: Array(again.pem.utf8), csrID: csr.id))
    }

    @Test("an upload refused after the CSR check (name taken) leaves the CSR unused")
    func refusedUploadKeepsCSRUnused() async throws {
        let f = try await DomainFixture()
        try await f.upload(f.alice, name: "taken")
        let csr = try await self.createCSR(f, f.alice)
        let certificate = try self.issue(f, for: csr)
        await #expect(throws: DomainError.nameTaken(name: "taken")) {
            try await f.inventory.uploadCertificate(
                f.alice, CertificateUpload(name: "taken", certificate: Array(certificate.pem.utf8), csrID: csr.id))
        }
        #expect(try f.inventory.csr(f.alice, id: csr.id).usedByCertificateID == nil)
        #expect(try f.inventory.listCertificates(f.alice).entries.map(\.name) == ["taken"])
        #expect(try f.audit.verifyChain().isIntact)
    }

    @Test("a certificate for another key is refused against the CSR, and nothing changes")
    func csrKeyMismatch() async throws {
        let f = try await DomainFixture()
        let csr = try await self.createCSR(f, f.alice)
        let unrelated = try f.pki.leaf(commonName: "csr.example.com", days: 90)
        await #expect(throws: DomainError.csrKeyMismatch(csrID: csr.id)) {
            try await f.inventory.uploadCertificate(
                f.alice, CertificateUpload(name: "x", certificate: unrelated.certificatePEM, csrID: csr.id))
        }
        #expect(try f.inventory.csr(f.alice, id: csr.id).usedByCertificateID == nil)
        #expect(try f.inventory.listCertificates(f.alice).entries.isEmpty)
    }

    @Test("another account's CSR reads as not found")
    func otherAccountsCSR() async throws {
        let f = try await DomainFixture()
        let csr = try await self.createCSR(f, f.alice)
        let certificate = try self.issue(f, for: csr)
        await #expect(throws: DomainError.csrNotFound(id: csr.id)) {
            try await f.inventory.uploadCertificate(
                f.bob, CertificateUpload(name: "stolen", certificate: Array(certificate.pem.utf8), csrID: csr.id))
        }
        #expect(throws: DomainError.csrNotFound(id: csr.id)) { try f.inventory.csr(f.bob, id: csr.id) }
        #expect(try f.inventory.listCSRs(f.bob).isEmpty)
        await #expect(throws: DomainError.csrNotFound(id: csr.id)) {
            try await f.inventory.deleteCSR(f.bob, id: csr.id)
        }
        #expect(try f.inventory.listCSRs(f.alice).map(\.id) == [csr.id])
    }

    @Test("an uploaded CSR holds no key: the certificate must bring its own")
    func uploadedCSR() async throws {
        let f = try await DomainFixture()
        let key = try PrivateKey.generate(.p256)
        let request = try CertificateSigningRequest.generate(
            subject: DistinguishedName(commonName: "own.example.com"), key: key)
        let csr = try await f.inventory.uploadCSR(f.alice, csr: Array(request.pem.utf8))
        #expect(csr.sealedKey == nil && csr.commonName == "own.example.com" && csr.keyAlgorithm == .ec)
        let certificate = try self.issue(f, for: csr)
        await #expect(throws: DomainError.csrHasNoKey(csrID: csr.id)) {
            try await f.inventory.uploadCertificate(
                f.alice, CertificateUpload(name: "own", certificate: Array(certificate.pem.utf8), csrID: csr.id))
        }
        let entry = try await f.inventory.uploadCertificate(
            f.alice,
            CertificateUpload(
                name: "own", certificate: Array(certificate.pem.utf8), privateKey: Array(try key.pkcs8PEM().utf8),
                csrID: csr.id)
        ).entry
        #expect(try f.inventory.csr(f.alice, id: csr.id).usedByCertificateID == entry.id)
    }

    @Test("a CSR upload that is not a CSR is refused")
    func garbageCSR() async throws {
        let f = try await DomainFixture()
        do {
            _ = try await f.inventory.uploadCSR(f.alice, csr: Array("hello".utf8))
            Issue.record("garbage accepted as a CSR")
        } catch {
            #expect(error.reason == "badFormat")
        }
        #expect(try f.inventory.listCSRs(f.alice).isEmpty)
    }

    @Test("deleting a CSR removes it and is audited")
    func deleteCSR() async throws {
        let f = try await DomainFixture()
        let csr = try await self.createCSR(f, f.alice)
        try await f.inventory.deleteCSR(f.alice, id: csr.id)
        #expect(throws: DomainError.csrNotFound(id: csr.id)) { try f.inventory.csr(f.alice, id: csr.id) }
        #expect(try f.audit.list(f.alice, AuditQuery(action: .csrDeleted)).map(\.target) == [csr.id.rawValue])
        #expect(try f.audit.verifyChain().isIntact)
    }
}
