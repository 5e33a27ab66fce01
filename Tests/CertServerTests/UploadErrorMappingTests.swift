import CertAPI
import CertCrypto
import CertServer
import CertTestSupport
import CertWire
import Foundation
import Testing

/// Every bad-input class of CertCrypto reaches the peer as `invalidArgument` with CertCrypto's
/// camelCase reason and a human message.
@Suite struct UploadErrorMappingTests {
    /// Uploads `request` as alice and returns the error.
    private func refusal(_ fixture: ServerFixture, _ request: UploadCertificateRequest) async -> RPCError? {
        await fixture.failure(CertificatesService.Method.uploadCertificate, request)
    }

    @Test func emptyCertificateIsEmptyInput() async throws {
        let fixture = try await ServerFixture()
        let error = await self.refusal(fixture, UploadCertificateRequest(name: "x", certificate: []))
        #expect(error?.status == .invalidArgument)
        #expect(error?.reason == "emptyInput")
        #expect(error?.message.contains("empty") == true)
    }

    @Test func textThatIsNotPEMIsBadFormat() async throws {
        let fixture = try await ServerFixture()
        let error = await self.refusal(
            fixture, UploadCertificateRequest(name: "x", certificate: Array("hello, not a certificate".utf8)))
        #expect(error?.status == .invalidArgument)
        #expect(error?.reason == "badFormat")
        #expect(error?.message.contains("BEGIN CERTIFICATE") == true)
    }

    @Test func keyInCertificateFieldIsNamed() async throws {
        let fixture = try await ServerFixture()
        let leaf = try fixture.pki.leaf(commonName: "k.example.com")
        let error = await self.refusal(fixture, UploadCertificateRequest(name: "x", certificate: leaf.keyPEM))
        #expect(error?.status == .invalidArgument)
        #expect(error?.reason == "privateKeyInCertificateField")
    }

    @Test func keyOfAnotherCertificateIsKeyMismatch() async throws {
        let fixture = try await ServerFixture()
        let leaf = try fixture.pki.leaf(commonName: "a.example.com")
        let other = try fixture.pki.leaf(commonName: "b.example.com")
        let error = await self.refusal(
            fixture,
            UploadCertificateRequest(name: "x", certificate: leaf.certificatePEM, privateKey: other.keyPEM))
        #expect(error?.status == .invalidArgument)
        #expect(error?.reason == "keyMismatch")
    }

    @Test func encryptedKeyWithoutPassphraseAndWithWrongPassphrase() async throws {
        let fixture = try await ServerFixture()
        let leaf = try fixture.pki.leaf(commonName: "enc.example.com")
        let encrypted = Array(try leaf.key.pkcs8PEM(passphrase: "correct horse").utf8)
        let missing = await self.refusal(
            fixture, UploadCertificateRequest(name: "x", certificate: leaf.certificatePEM, privateKey: encrypted))
        #expect(missing?.status == .invalidArgument)
        #expect(missing?.reason == "encryptedKeyNeedsPassphrase")
        let wrong = await self.refusal(
            fixture,
            UploadCertificateRequest(
                name: "x", certificate: leaf.certificatePEM, privateKey: encrypted, passphrase: "battery staple"))
        #expect(wrong?.status == .invalidArgument)
        #expect(wrong?.reason == "wrongPassphrase")
        #expect(wrong?.message.contains("battery staple") == false)
        // The right passphrase is accepted.
        let stored: UploadCertificateResponse = try await fixture.call(
            CertificatesService.Method.uploadCertificate,
            UploadCertificateRequest(
                name: "x", certificate: leaf.certificatePEM, chain: fixture.pki.chainPEM, privateKey: encrypted,
                passphrase: "correct horse"))
        #expect(stored.certificate.hasKey)
    }

    @Test func chainMissingTheIntermediateIsChainBroken() async throws {
        let fixture = try await ServerFixture()
        let leaf = try fixture.pki.leaf(commonName: "c.example.com")
        let error = await self.refusal(
            fixture,
            UploadCertificateRequest(
                name: "x", certificate: leaf.certificatePEM, chain: Array(fixture.pki.root.certificate.pem.utf8),
                privateKey: leaf.keyPEM))
        #expect(error?.status == .invalidArgument)
        #expect(error?.reason == "chainBroken")
    }

    @Test func oversizedInputIsTooLarge() async throws {
        let fixture = try await ServerFixture()
        let error = await self.refusal(
            fixture,
            UploadCertificateRequest(
                name: "x", certificate: [UInt8](repeating: 0x41, count: InputLimits.maximumFieldSize + 1)))
        #expect(error?.status == .invalidArgument)
        #expect(error?.reason == "tooLarge")
    }

    @Test func sm2DualWithSwappedEncryptionKeyIsKeyMismatch() async throws {
        let fixture = try await ServerFixture()
        let signing = try fixture.pki.sm2Leaf(commonName: "gm.example.cn", usage: [.digitalSignature])
        let encryption = try fixture.pki.sm2Leaf(commonName: "gm.example.cn", usage: [.keyEncipherment])
        let error = await fixture.failure(
            CertificatesService.Method.uploadSM2Certificate,
            UploadSM2CertificateRequest(
                name: "gm", signingCertificate: signing.certificatePEM, signingKey: signing.keyPEM,
                encryptionCertificate: encryption.certificatePEM, encryptionKey: signing.keyPEM,
                chain: Array(fixture.pki.sm2Root.certificate.pem.utf8)))
        #expect(error?.status == .invalidArgument)
        #expect(error?.reason == "keyMismatch")
    }

    @Test func keyCertdCannotUseIsUnsupportedAlgorithm() async throws {
        let fixture = try await ServerFixture()
        let leaf = try fixture.pki.leaf(commonName: "x25519.example.com")
        // An X25519 key (made by the openssl CLI: CertCrypto does not generate them) is a valid
        // PKCS#8 key that no certificate can be signed with.
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["genpkey", "-algorithm", "X25519"]
        let output = Pipe()
        openssl.standardOutput = output
        try openssl.run()
        let keyPEM = Array(output.fileHandleForReading.readDataToEndOfFile())
        openssl.waitUntilExit()
        #expect(openssl.terminationStatus == 0)
        let error = await self.refusal(
            fixture, UploadCertificateRequest(name: "x", certificate: leaf.certificatePEM, privateKey: keyPEM))
        #expect(error?.status == .invalidArgument)
        #expect(error?.reason == "unsupportedAlgorithm")
    }

    @Test func undecodablePayloadIsBadRequestPayload() async throws {
        let fixture = try await ServerFixture()
        let service = try #require(
            fixture.services.first { $0.methods.contains(CertificatesService.Method.getCertificate) })
        do {
            _ = try await service.handle(
                methodID: CertificatesService.Method.getCertificate.id, request: [0x0A, 0xFF],
                context: ServerFixture.context(ServerFixture.aliceFingerprint))
            Issue.record("a truncated payload was accepted")
        } catch let error as RPCError {
            #expect(error.status == .invalidArgument)
            #expect(error.reason == "badRequestPayload")
        }
    }
}
