import CertAPI
import CertCrypto
import CertDomain
import CertServer
import CertTestSupport
import CertWire
import Foundation
import Testing

@Suite struct CertificatesHandlerTests {
    @Test func uploadGetListUpdateDownloadDeleteRoundTrip() async throws {
        let fixture = try await ServerFixture()
        let uploaded = try await fixture.upload(name: "web", tags: ["env": "prod"])
        let certificate = uploaded.certificate
        #expect(certificate.id.hasPrefix("cert-"))
        #expect(certificate.name == "web")
        #expect(certificate.source == .uploaded)
        #expect(certificate.algorithm == .international)
        #expect(certificate.details.commonName == "web.example.com")
        #expect(certificate.details.keyAlgorithm == "EC")
        #expect(certificate.details.curve == "P-256")
        #expect(certificate.details.fingerprintSHA256.count == 64)
        #expect(certificate.details.extendedKeyUsage == ["serverAuth"])
        #expect(certificate.status == .valid)
        #expect(certificate.daysRemaining == 364 || certificate.daysRemaining == 365)
        #expect(certificate.chainLength == 2)
        #expect(certificate.chainComplete)
        #expect(certificate.hasKey)
        #expect(certificate.tags == ["env": "prod"])
        #expect(uploaded.duplicateIDs.isEmpty)

        let fetched: CertAPI.Certificate = try await fixture.call(
            CertificatesService.Method.getCertificate, GetCertificateRequest(id: certificate.id))
        #expect(fetched == certificate)

        let listed: ListCertificatesResponse = try await fixture.call(
            CertificatesService.Method.listCertificates, ListCertificatesRequest(tagKey: "env", tagValue: "prod"))
        #expect(listed.certificates.map(\.id) == [certificate.id])
        #expect(listed.nextPageToken.isEmpty)

        let updated: CertAPI.Certificate = try await fixture.call(
            CertificatesService.Method.updateCertificate,
            UpdateCertificateRequest(id: certificate.id, name: "web-2", setTags: ["team": "a"], removeTags: ["env"]))
        #expect(updated.name == "web-2")
        #expect(updated.tags == ["team": "a"])

        let download: DownloadCertificateResponse = try await fixture.call(
            CertificatesService.Method.downloadCertificate, DownloadCertificateRequest(id: certificate.id))
        #expect(download.certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----"))
        #expect(download.chainPEM.components(separatedBy: "BEGIN CERTIFICATE").count - 1 == 2)
        let key = try PrivateKey(pem: download.privateKeyPEM)
        let leaf = try CertCrypto.Certificate(pem: download.certificatePEM)
        #expect(KeyMatcher.matches(certificate: leaf, key: key))
        #expect(leaf.sha256Fingerprint == certificate.details.fingerprintSHA256)

        let summary: CertAPI.CertificateSummary = try await fixture.call(
            CertificatesService.Method.summary, CertificateSummaryRequest())
        #expect(summary.total == 1)
        #expect(summary.bySource == ["uploaded": 1])

        let deleted: DeleteCertificateResponse = try await fixture.call(
            CertificatesService.Method.deleteCertificate, DeleteCertificateRequest(id: certificate.id))
        #expect(deleted.id == certificate.id)
        let gone = await fixture.failure(
            CertificatesService.Method.getCertificate, GetCertificateRequest(id: certificate.id))
        #expect(gone?.status == .notFound)
    }

    @Test func listingFiltersByStatusAndPaginates() async throws {
        let fixture = try await ServerFixture()
        _ = try await fixture.upload(name: "soon", days: 10)
        _ = try await fixture.upload(name: "later", days: 200)
        _ = try await fixture.upload(name: "latest", days: 300)
        let expiring: ListCertificatesResponse = try await fixture.call(
            CertificatesService.Method.listCertificates, ListCertificatesRequest(status: .expiringSoon))
        #expect(expiring.certificates.map(\.name) == ["soon"])
        #expect(expiring.certificates.first?.status == .expiringSoon)

        let first: ListCertificatesResponse = try await fixture.call(
            CertificatesService.Method.listCertificates, ListCertificatesRequest(sort: .name, limit: 2))
        #expect(first.certificates.map(\.name) == ["later", "latest"])
        #expect(!first.nextPageToken.isEmpty)
        let second: ListCertificatesResponse = try await fixture.call(
            CertificatesService.Method.listCertificates,
            ListCertificatesRequest(sort: .name, limit: 2, pageToken: first.nextPageToken))
        #expect(second.certificates.map(\.name) == ["soon"])

        let both = await fixture.failure(
            CertificatesService.Method.listCertificates,
            ListCertificatesRequest(status: .expired, expiringWithinDays: 5))
        #expect(both?.status == .invalidArgument)
        let badToken = await fixture.failure(
            CertificatesService.Method.listCertificates, ListCertificatesRequest(pageToken: "not-a-token"))
        #expect(badToken?.reason == "invalidPageToken")
    }

    @Test func downloadAsPFXAndJKS() async throws {
        let fixture = try await ServerFixture()
        let id = try await fixture.upload(name: "packed").certificate.id
        let pfx: DownloadCertificateResponse = try await fixture.call(
            CertificatesService.Method.downloadCertificate,
            DownloadCertificateRequest(id: id, format: .pfx, password: "export-pw"))
        let contents = try PKCS12Format.read(pfx.keyStore, password: "export-pw")
        #expect(contents.certificateDER == (try CertCrypto.Certificate(pem: pfx.certificatePEM)).der)
        #expect(contents.privateKeyPKCS8DER != nil)
        #expect(contents.friendlyName == "packed")
        let jks: DownloadCertificateResponse = try await fixture.call(
            CertificatesService.Method.downloadCertificate,
            DownloadCertificateRequest(id: id, format: .jks, password: "export-pw"))
        #expect(KeyStoreKind.detect(jks.keyStore) == .jks)
        let noPassword = await fixture.failure(
            CertificatesService.Method.downloadCertificate, DownloadCertificateRequest(id: id, format: .pfx))
        #expect(noPassword?.status == .invalidArgument)
        let pemOnly: DownloadCertificateResponse = try await fixture.call(
            CertificatesService.Method.downloadCertificate, DownloadCertificateRequest(id: id))
        #expect(pemOnly.keyStore.isEmpty)
    }

    @Test func derCertificateIsAcceptedWhereTheCryptoLayerAllowsIt() async throws {
        let fixture = try await ServerFixture()
        let leaf = try fixture.pki.leaf(commonName: "der.example.com")
        let response: UploadCertificateResponse = try await fixture.call(
            CertificatesService.Method.uploadCertificate,
            UploadCertificateRequest(
                name: "der", certificate: leaf.certificate.der, chain: fixture.pki.chainPEM, privateKey: leaf.keyPEM))
        #expect(response.certificate.details.fingerprintSHA256 == leaf.certificate.sha256Fingerprint)
    }

    @Test func duplicateNameIsAlreadyExistsWithReasonNameTaken() async throws {
        let fixture = try await ServerFixture()
        _ = try await fixture.upload(name: "dup")
        let leaf = try fixture.pki.leaf(commonName: "other.example.com")
        let error = await fixture.failure(
            CertificatesService.Method.uploadCertificate,
            UploadCertificateRequest(name: "dup", certificate: leaf.certificatePEM, privateKey: leaf.keyPEM))
        #expect(error?.status == .alreadyExists)
        #expect(error?.reason == "nameTaken")
    }

    @Test func sm2DualUploadAndDownload() async throws {
        let fixture = try await ServerFixture()
        let signing = try fixture.pki.sm2Leaf(commonName: "sm2.example.com", usage: [.digitalSignature])
        let encryption = try fixture.pki.sm2Leaf(
            commonName: "sm2.example.com", usage: [.keyEncipherment, .dataEncipherment, .keyAgreement])
        let response: UploadCertificateResponse = try await fixture.call(
            CertificatesService.Method.uploadSM2Certificate,
            UploadSM2CertificateRequest(
                name: "gm", signingCertificate: signing.certificatePEM, signingKey: signing.keyPEM,
                encryptionCertificate: encryption.certificatePEM, encryptionKey: encryption.keyPEM,
                chain: Array(fixture.pki.sm2Root.certificate.pem.utf8)))
        #expect(response.certificate.algorithm == .sm2)
        #expect(response.certificate.details.keyAlgorithm == "SM2")
        #expect(
            response.certificate.encryptionDetails?.fingerprintSHA256 == encryption.certificate.sha256Fingerprint)
        let download: DownloadCertificateResponse = try await fixture.call(
            CertificatesService.Method.downloadCertificate, DownloadCertificateRequest(id: response.certificate.id))
        #expect(!download.encryptionPrivateKeyPEM.isEmpty)
        #expect(try CertCrypto.Certificate(pem: download.encryptionCertificatePEM) == encryption.certificate)
    }
}
