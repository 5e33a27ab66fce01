import CertAPI
import CertCrypto
import CertDomain
import CertTestSupport
import CertWire
import Foundation
import Testing

@testable import CertServer

@Suite struct CSRsHandlerTests {
    @Test func createdCSRKeyIsUsedByAKeylessUpload() async throws {
        let fixture = try await ServerFixture()
        let csr: CSR = try await fixture.call(
            CSRsService.Method.createCSR,
            CreateCSRRequest(
                commonName: "api.example.com", sans: ["api.example.com", "IP:127.0.0.1"], keyType: .ecP256,
                organization: "Example", country: "CN"))
        #expect(csr.id.hasPrefix("csr-"))
        #expect(csr.hasKey)
        #expect(csr.keyAlgorithm == "EC")
        #expect(csr.commonName == "api.example.com")
        #expect(csr.csrPEM.hasPrefix("-----BEGIN CERTIFICATE REQUEST-----"))

        let request = try CertificateSigningRequest(pem: csr.csrPEM)
        #expect(request.publicKeyFingerprint == csr.publicKeyFingerprintSHA256)
        let certificate = try fixture.pki.intermediate.issueLeaf(
            for: request, validity: Validity.days(90, from: fixture.clock.now()))
        let uploaded: UploadCertificateResponse = try await fixture.call(
            CertificatesService.Method.uploadCertificate,
            UploadCertificateRequest(
                name: "api", certificate: Array(certificate.pem.utf8), chain: fixture.pki.chainPEM, csrID: csr.id))
        #expect(uploaded.certificate.csrID == csr.id)
        #expect(uploaded.certificate.hasKey)

        let used: CSR = try await fixture.call(CSRsService.Method.getCSR, GetCSRRequest(id: csr.id))
        #expect(used.usedByCertificateID == uploaded.certificate.id)

        let listed: ListCSRsResponse = try await fixture.call(CSRsService.Method.listCSRs, ListCSRsRequest())
        #expect(listed.csrs.map(\.id) == [csr.id])
        let bobs: ListCSRsResponse = try await fixture.call(
            CSRsService.Method.listCSRs, ListCSRsRequest(), as: ServerFixture.bobFingerprint)
        #expect(bobs.csrs.isEmpty)
        let bobGets = await fixture.failure(
            CSRsService.Method.getCSR, GetCSRRequest(id: csr.id), as: ServerFixture.bobFingerprint)
        #expect(bobGets?.status == .notFound)
    }

    @Test func uploadedCSRHasNoKeyAndCanBeDeleted() async throws {
        let fixture = try await ServerFixture()
        let key = try PrivateKey.generate(.p256)
        let request = try CertificateSigningRequest.generate(
            subject: DistinguishedName(commonName: "up.example.com"), key: key)
        let csr: CSR = try await fixture.call(
            CSRsService.Method.uploadCSR, UploadCSRRequest(csr: Array(request.pem.utf8)))
        #expect(!csr.hasKey)
        let deleted: DeleteCSRResponse = try await fixture.call(
            CSRsService.Method.deleteCSR, DeleteCSRRequest(id: csr.id))
        #expect(deleted.id == csr.id)
        let gone = await fixture.failure(CSRsService.Method.getCSR, GetCSRRequest(id: csr.id))
        #expect(gone?.status == .notFound)

        let garbage = await fixture.failure(CSRsService.Method.uploadCSR, UploadCSRRequest(csr: Array("nope".utf8)))
        #expect(garbage?.status == .invalidArgument)
        #expect(garbage?.reason == "badFormat")
    }

    @Test func sanTextIsParsedByPrefixOrShape() {
        #expect(CSRsHandler.subjectAlternativeName("DNS:a.example") == .dns("a.example"))
        #expect(CSRsHandler.subjectAlternativeName("10.0.0.1") == .ip("10.0.0.1"))
        #expect(CSRsHandler.subjectAlternativeName("::1") == .ip("::1"))
        #expect(CSRsHandler.subjectAlternativeName("ops@example.com") == .email("ops@example.com"))
        #expect(CSRsHandler.subjectAlternativeName("example.com") == .dns("example.com"))
    }
}
