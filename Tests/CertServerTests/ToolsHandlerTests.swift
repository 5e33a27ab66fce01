import CertAPI
import CertCrypto
import CertServer
import CertTestSupport
import CertWire
import Foundation
import Testing

@Suite struct ToolsHandlerTests {
    @Test func describeReportsDetailsAndChainWithoutStoring() async throws {
        let fixture = try await ServerFixture()
        let leaf = try fixture.pki.leaf(commonName: "d.example.com")
        let response: DescribeResponse = try await fixture.call(
            ToolsService.Method.describe,
            DescribeRequest(certificate: leaf.certificatePEM, chain: fixture.pki.chainPEM))
        #expect(response.details.commonName == "d.example.com")
        #expect(response.details.sans == ["d.example.com"])
        #expect(response.details.fingerprintSHA256 == leaf.certificate.sha256Fingerprint)
        #expect(response.chainLength == 2)
        #expect(response.chainComplete)
        #expect(response.chain.map(\.commonName) == ["Server Test Intermediate", "Server Test Root"])
        #expect(response.chain.last?.isCA == true)
        let listed: ListCertificatesResponse = try await fixture.call(
            CertificatesService.Method.listCertificates, ListCertificatesRequest())
        #expect(listed.certificates.isEmpty)

        let alone: DescribeResponse = try await fixture.call(
            ToolsService.Method.describe, DescribeRequest(certificate: leaf.certificatePEM))
        #expect(!alone.chainComplete)
        #expect(alone.warnings.map(\.code) == ["chainIncomplete"])
    }

    @Test func matchKeyAnswersBothWays() async throws {
        let fixture = try await ServerFixture()
        let leaf = try fixture.pki.leaf(commonName: "m.example.com")
        let other = try PrivateKey.generate(.p256)
        let yes: MatchKeyResponse = try await fixture.call(
            ToolsService.Method.matchKey, MatchKeyRequest(certificate: leaf.certificatePEM, privateKey: leaf.keyPEM))
        #expect(yes.matches)
        #expect(yes.certificateKeyFingerprint == yes.privateKeyFingerprint)
        let no: MatchKeyResponse = try await fixture.call(
            ToolsService.Method.matchKey,
            MatchKeyRequest(certificate: leaf.certificatePEM, privateKey: Array(try other.pkcs8PEM().utf8)))
        #expect(!no.matches)
        #expect(no.certificateKeyFingerprint != no.privateKeyFingerprint)
        let empty = await fixture.failure(
            ToolsService.Method.matchKey, MatchKeyRequest(certificate: [], privateKey: leaf.keyPEM))
        #expect(empty?.reason == "emptyInput")
    }

    @Test func pemToPFXAndJKSAndBackToPEM() async throws {
        let fixture = try await ServerFixture()
        let leaf = try fixture.pki.leaf(commonName: "conv.example.com")
        for format in [KeyStoreFormat.pfx, .jks] {
            let packed: ConvertResponse = try await fixture.call(
                ToolsService.Method.convert,
                ConvertRequest(
                    input: leaf.certificatePEM, from: .pem, to: format, password: "store-pw",
                    privateKey: leaf.keyPEM, chain: fixture.pki.chainPEM))
            #expect(!packed.output.isEmpty, "\(format)")
            let unpacked: ConvertResponse = try await fixture.call(
                ToolsService.Method.convert,
                ConvertRequest(input: packed.output, from: format, to: .pem, password: "store-pw"))
            #expect(try CertCrypto.Certificate(pem: unpacked.certificatePEM) == leaf.certificate, "\(format)")
            #expect(try PrivateKey(pem: unpacked.privateKeyPEM).publicKey == leaf.key.publicKey, "\(format)")
            #expect(unpacked.chainPEM.components(separatedBy: "BEGIN CERTIFICATE").count - 1 == 2, "\(format)")
            let wrong = await fixture.failure(
                ToolsService.Method.convert, ConvertRequest(input: packed.output, from: format, password: "nope"))
            #expect(wrong?.status == .invalidArgument, "\(format)")
            #expect(wrong?.reason == "wrongPassphrase", "\(format)")
        }
    }

    @Test func encryptedPKCS8ToPEM() async throws {
        let fixture = try await ServerFixture()
        let key = try PrivateKey.generate(.rsa(bits: 2048))
        let encrypted = Array(try key.pkcs8PEM(passphrase: "pw").utf8)
        let response: ConvertResponse = try await fixture.call(
            ToolsService.Method.convert, ConvertRequest(input: encrypted, from: .pkcs8, to: .pem, password: "pw"))
        #expect(try PrivateKey(pem: response.privateKeyPEM).publicKey == key.publicKey)
        let missing = await fixture.failure(
            ToolsService.Method.convert, ConvertRequest(input: encrypted, from: .pkcs8, to: .pem))
        #expect(missing?.reason == "encryptedKeyNeedsPassphrase")
        let noFormat = await fixture.failure(ToolsService.Method.convert, ConvertRequest(input: encrypted))
        #expect(noFormat?.status == .invalidArgument)
    }
}
