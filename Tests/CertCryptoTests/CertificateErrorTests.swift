import CertCrypto
import Foundation
import Testing

/// Every upload error case with the bad input that causes it.
@Suite struct CertificateErrorTests {
    let leaf = Fixtures.text("rsa-leaf-a.crt")

    @Test(arguments: ["", "   \r\n\t\n"])
    func emptyCertificateField(input: String) {
        let error = certificateError { _ = try CertificateBundle.parse(certificatePEM: input) }
        #expect(error == .emptyInput(field: .certificate))
        #expect(error?.message.contains("certificate field is empty") == true)
    }

    @Test func emptyKeyField() {
        #expect(certificateError { _ = try PrivateKey(pem: "") } == .emptyInput(field: .privateKey))
    }

    @Test func tenMegabytesOfRandomBytesAreRefusedBeforeParsing() {
        let urandom = FileHandle(forReadingAtPath: "/dev/urandom")!
        let noise = Array(urandom.readData(ofLength: 10 << 20))
        try? urandom.close()
        #expect(noise.count == 10 << 20)
        let error = certificateError { _ = try CertificateBundle.parse(certificatePEM: noise) }
        #expect(error == .tooLarge(field: .certificate, size: 10 << 20, limit: InputLimits.maximumFieldSize))
        let keyError = certificateError { _ = try PrivateKey(bytes: noise, passphrase: nil) }
        #expect(keyError?.reason == "tooLarge")
    }

    @Test func plainTextIsBadFormatWithTheExactMessage() {
        let error = certificateError {
            _ = try CertificateBundle.parse(certificatePEM: "hello, this is my certificate")
        }
        #expect(error?.reason == "badFormat")
        #expect(
            error?.message.hasPrefix(
                "the certificate format is incorrect: expected PEM text between -----BEGIN CERTIFICATE----- and "
                    + "-----END CERTIFICATE----- markers") == true)
    }

    @Test func truncatedPEMIsMissingEndMarker() {
        let truncated = String(self.leaf.prefix(self.leaf.count / 2))
        let error = certificateError { _ = try CertificateBundle.parse(certificatePEM: truncated) }
        #expect(error == .missingEndMarker(field: .certificate, label: "CERTIFICATE"))
        #expect(error?.message.contains("-----END CERTIFICATE-----") == true)
    }

    @Test func missingEndMarkerBeforeTheNextBlock() {
        let glued =
            self.leaf.replacingOccurrences(of: "-----END CERTIFICATE-----\n", with: "") + Fixtures.text("rsa-int.crt")
        let error = certificateError { _ = try CertificateBundle.parse(certificatePEM: glued) }
        #expect(error?.reason == "missingEndMarker")
    }

    @Test func garbageBase64IsCorruptBase64() {
        var lines = self.leaf.split(separator: "\n").map(String.init)
        lines[3] = "this is *not* base64 %%%%"
        let error = certificateError { _ = try CertificateBundle.parse(certificatePEM: lines.joined(separator: "\n")) }
        #expect(error == .corruptBase64(field: .certificate, label: "CERTIFICATE"))
    }

    @Test func truncatedBodyIsCorruptBase64OrCorruptData() {
        var lines = self.leaf.split(separator: "\n").map(String.init)
        lines.removeSubrange(5..<9)  // whole base64 lines gone: still valid base64, damaged DER
        let error = certificateError { _ = try CertificateBundle.parse(certificatePEM: lines.joined(separator: "\n")) }
        #expect(error?.reason == "corruptData")
        #expect(error?.diagnostics?.entries.isEmpty == false)
        var cut = self.leaf.split(separator: "\n").map(String.init)
        cut[4] = String(cut[4].dropLast(3))  // length no longer a multiple of 4
        let cutError = certificateError { _ = try CertificateBundle.parse(certificatePEM: cut.joined(separator: "\n")) }
        #expect(cutError?.reason == "corruptBase64")
    }

    @Test func privateKeyInCertificateField() {
        let error = certificateError {
            _ = try CertificateBundle.parse(certificatePEM: Fixtures.text("rsa-leaf-a.key"))
        }
        #expect(error == .privateKeyInCertificateField(field: .certificate))
        #expect(error?.message.contains("private key field") == true)
        let der = certificateError {
            _ = try CertificateBundle.parse(certificatePEM: Fixtures.bytes("rsa-leaf-a.key.der"))
        }
        #expect(der == .privateKeyInCertificateField(field: .certificate))
    }

    @Test func certificateInKeyField() {
        let error = certificateError { _ = try PrivateKey(pem: self.leaf) }
        #expect(error == .certificateInKeyField(field: .privateKey))
        let der = certificateError { _ = try PrivateKey(bytes: Fixtures.bytes("rsa-leaf-a.der"), passphrase: nil) }
        #expect(der == .certificateInKeyField(field: .privateKey))
    }

    @Test func csrInCertificateField() {
        let error = certificateError {
            _ = try CertificateBundle.parse(certificatePEM: Fixtures.text("rsa-leaf-a.csr"))
        }
        #expect(error == .certificateRequestInCertificateField(field: .certificate))
    }

    @Test func pfxInCertificateFieldSaysPFX() {
        let error = certificateError {
            _ = try CertificateBundle.parse(certificatePEM: Fixtures.bytes("rsa-leaf-a.p12"))
        }
        #expect(error == .looksLikePFX(field: .certificate))
        #expect(error?.message.contains("PFX") == true)
    }

    @Test func randomDERIsLooksLikeDER() {
        let error = certificateError {
            _ = try CertificateBundle.parse(certificatePEM: [0x30, 0x03, 0x02, 0x01, 0x05])
        }
        #expect(error?.reason == "looksLikeDER")
    }

    @Test func encryptedKeyWithoutPassphraseSaysHowToPassOne() {
        for name in ["rsa-leaf-a.enc-pkcs8.key", "rsa-leaf-a.legacy-enc.key"] {
            let error = certificateError { _ = try PrivateKey(pem: Fixtures.text(name)) }
            #expect(error == .encryptedKeyNeedsPassphrase(field: .privateKey), "\(name)")
            #expect(error?.message.contains("--passphrase-file") == true)
        }
    }

    @Test func encryptedKeyWithWrongPassphrase() {
        for name in ["rsa-leaf-a.enc-pkcs8.key", "rsa-leaf-a.legacy-enc.key"] {
            let error = certificateError { _ = try PrivateKey(pem: Fixtures.text(name), passphrase: "not-the-secret") }
            #expect(error?.reason == "wrongPassphrase", "\(name)")
        }
    }

    @Test func rsaCertificateWithECKeyIsKeyMismatchWithBothFingerprints() throws {
        let certificate = Fixtures.certificate("rsa-leaf-a.crt")
        let key = Fixtures.key("ec-leaf.key")
        let error = certificateError { try KeyMatcher.check(certificate: certificate, key: key) }
        guard case .keyMismatch(.single, let certAlg, let certFP, let keyAlg, let keyFP) = error else {
            Issue.record("expected keyMismatch, got \(String(describing: error))")
            return
        }
        #expect(certAlg == .rsa(bits: 2048))
        #expect(keyAlg == .p256)
        #expect(certFP == certificate.details.publicKeyFingerprint)
        #expect(keyFP == key.publicKey.fingerprint)
        #expect(error?.message.hasPrefix("the certificate and private key do not match") == true)
        #expect(error?.message.contains(certFP) == true && error?.message.contains(keyFP) == true)
    }

    @Test func certificateForDomainAWithKeyOfDomainB() {
        let error = certificateError {
            try KeyMatcher.check(
                certificate: Fixtures.certificate("rsa-leaf-a.crt"), key: Fixtures.key("rsa-leaf-b.key"))
        }
        #expect(error?.reason == "keyMismatch")
    }

    @Test func sm2DualPairWithEncryptionKeySwappedNamesTheEncryptionPair() {
        let error = certificateError {
            try KeyMatcher.checkDual(
                signingCertificate: Fixtures.certificate("sm2-sign.crt"),
                signingKey: Fixtures.key("sm2-sign.key"),
                encryptionCertificate: Fixtures.certificate("sm2-enc.crt"),
                encryptionKey: Fixtures.key("sm2-sign.key")
            )
        }
        guard case .keyMismatch(let pair, let certAlg, _, let keyAlg, _) = error else {
            Issue.record("expected keyMismatch, got \(String(describing: error))")
            return
        }
        #expect(pair == .encryption)
        #expect(certAlg == .sm2 && keyAlg == .sm2)
        #expect(error?.message.contains("(encryption pair)") == true)
        #expect(error?.field == .encryptionPrivateKey)
    }

    @Test func foreignCertificateInChainIsRefused() {
        let error = certificateError {
            _ = try CertificateBundle.parse(
                certificatePEM: self.leaf, chainPEM: Fixtures.text("rsa-int.crt") + Fixtures.text("ec-leaf.crt"))
        }
        #expect(error?.reason == "foreignCertificate")
        #expect(error == .foreignCertificate(field: .chain, subject: "CN=c.example.com"))
    }

    @Test func chainWithAGapIsChainBrokenNamingTheMissingIssuer() {
        // leaf + root but no intermediate: the root is above a gap.
        let error = certificateError {
            _ = try CertificateBundle.parse(certificatePEM: self.leaf, chainPEM: Fixtures.text("rsa-root.crt"))
        }
        #expect(
            error
                == .chainBroken(
                    subject: "CN=a.example.com,O=Example a,C=US",
                    missingIssuer: "CN=Certd Test RSA Intermediate,O=Certd Test,C=US"))
        #expect(error?.message.contains("Certd Test RSA Intermediate") == true)
    }

    @Test func alteredSignatureIsChainSignatureInvalid() throws {
        var der = Fixtures.bytes("rsa-leaf-a.der")
        der[der.count - 1] ^= 0x01  // last byte of the signature value: still parses, no longer verifies
        let forged = try Certificate(der: der)
        let error = certificateError {
            _ = try CertificateBundle.parse(
                certificatePEM: Array(forged.pem.utf8), chainPEM: Fixtures.bytes("rsa-int.crt"))
        }
        #expect(error?.reason == "chainSignatureInvalid")
        #expect(error?.message.contains("Certd Test RSA Intermediate") == true)
    }

    @Test func incompleteChainReportsTheMissingIssuer() throws {
        let bundle = try CertificateBundle.parse(certificatePEM: self.leaf)
        #expect(!bundle.chain.isComplete)
        let error = certificateError { try bundle.chain.requireComplete() }
        #expect(error?.reason == "chainBroken")
    }

    @Test func everyReasonIsStableCamelCase() {
        let samples: [CertificateError] = [
            .emptyInput(field: .chain), .tooLarge(field: .certificate, size: 2, limit: 1),
            .badFormat(field: .privateKey, diagnostics: nil), .looksLikePFX(field: .certificate),
            .unsupportedAlgorithm(field: nil, algorithm: "DSA"), .wrongPassphrase(field: .privateKey, diagnostics: nil),
        ]
        #expect(
            samples.map(\.reason) == [
                "emptyInput", "tooLarge", "badFormat", "looksLikePFX", "unsupportedAlgorithm", "wrongPassphrase",
            ])
        #expect(samples.allSatisfy { !$0.message.isEmpty })
    }
}
