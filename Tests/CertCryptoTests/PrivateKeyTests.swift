import CertCrypto
import Foundation
import Testing

@Suite struct PrivateKeyTests {
    let certificate = Fixtures.certificate("rsa-leaf-a.crt")

    @Test(
        arguments: [
            ("rsa-leaf-a.key", nil), ("rsa-leaf-a.pkcs1.key", nil), ("rsa-leaf-a.enc-pkcs8.key", "secret"),
            ("rsa-leaf-a.legacy-enc.key", "secret"),
        ] as [(String, String?)])
    func everyEncodingOfTheSameKeyMatches(name: String, passphrase: String?) throws {
        let key = try PrivateKey(pem: Fixtures.text(name), passphrase: passphrase)
        #expect(key.algorithm == .rsa(bits: 2048))
        #expect(KeyMatcher.matches(certificate: self.certificate, key: key))
        try KeyMatcher.check(certificate: self.certificate, key: key)
    }

    @Test(arguments: ["rsa-leaf-a.key", "rsa-leaf-a.legacy-enc.key", "ec-leaf.sec1.key"])
    func indentedCRLFKeyWithSurroundingTextIsAccepted(name: String) throws {
        let messy = "my key:\r\n" + Fixtures.text(name).replacingOccurrences(of: "\n", with: "\r\n    ") + "\r\nthanks"
        let key = try PrivateKey(pem: messy, passphrase: "secret")
        #expect(key.publicKey == Fixtures.key(name, passphrase: "secret").publicKey)
    }

    @Test func derKeyIsAccepted() throws {
        let key = try PrivateKey(bytes: Fixtures.bytes("rsa-leaf-a.key.der"), passphrase: nil)
        #expect(KeyMatcher.matches(certificate: self.certificate, key: key))
    }

    @Test func sec1AndPKCS8ECKeysMatch() throws {
        let certificate = Fixtures.certificate("ec-leaf.crt")
        for name in ["ec-leaf.key", "ec-leaf.sec1.key"] {
            let key = Fixtures.key(name)
            #expect(key.algorithm == .p256)
            try KeyMatcher.check(certificate: certificate, key: key)
        }
    }

    @Test func sm2KeysAreIdentifiedAsSM2AndMatchTheirPairs() throws {
        let key = Fixtures.key("sm2-sign.key")
        #expect(key.algorithm == .sm2)
        try KeyMatcher.checkDual(
            signingCertificate: Fixtures.certificate("sm2-sign.crt"), signingKey: key,
            encryptionCertificate: Fixtures.certificate("sm2-enc.crt"), encryptionKey: Fixtures.key("sm2-enc.key"))
        #expect(!KeyMatcher.matches(certificate: Fixtures.certificate("sm2-enc.crt"), key: key))
        #expect(!KeyMatcher.matches(certificate: Fixtures.certificate("ec-leaf.crt"), key: key))
    }

    @Test func publicKeyFingerprintIsSHA256OfSubjectPublicKeyInfo() {
        let key = Fixtures.key("rsa-leaf-a.key")
        let spki = OpenSSLCLI.run(["pkey", "-in", Fixtures.path("rsa-leaf-a.key"), "-pubout", "-outform", "DER"])
        #expect(spki.status == 0)
        #expect(key.publicKey.der.count > 200)
        let expected = OpenSSLCLI.run(["dgst", "-sha256", "-r", "-binary"])  // sanity: CLI available
        #expect(expected.status == 0)
        let path = OpenSSLCLI.temporaryFile(Fixtures.text("rsa-leaf-a.key"))
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "openssl pkey -in \(path) -pubout -outform DER | openssl dgst -sha256 -r"]
        let pipe = Pipe()
        shell.standardOutput = pipe
        try! shell.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(out.hasPrefix(key.publicKey.fingerprint))
        #expect(key.publicKey.fingerprint == self.certificate.details.publicKeyFingerprint)
    }

    @Test(arguments: [KeyAlgorithm.rsa(bits: 2048), .p256, .p384, .sm2, .ed25519])
    func generatedKeysRoundTripThroughPKCS8(algorithm: KeyAlgorithm) throws {
        let key = try PrivateKey.generate(algorithm)
        #expect(key.algorithm == algorithm)
        let plain = try key.pkcs8PEM()
        #expect(plain.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(try PrivateKey(pem: plain).publicKey == key.publicKey)
        let encrypted = try key.pkcs8PEM(passphrase: "pw")
        #expect(encrypted.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        #expect(try PrivateKey(pem: encrypted, passphrase: "pw").publicKey == key.publicKey)
        #expect(try PrivateKey(bytes: key.pkcs8DER, passphrase: nil).publicKey == key.publicKey)
    }

    @Test func traditionalEncodingsForRSAAndECButNotSM2() throws {
        let rsa = Fixtures.key("rsa-leaf-a.key")
        let pkcs1 = try rsa.traditionalPEM()
        #expect(pkcs1.hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
        #expect(try PrivateKey(pem: pkcs1).publicKey == rsa.publicKey)
        let ec = Fixtures.key("ec-leaf.key")
        #expect(try ec.traditionalPEM().hasPrefix("-----BEGIN EC PRIVATE KEY-----"))
        let error = certificateError { _ = try Fixtures.key("sm2-sign.key").traditionalPEM() }
        #expect(error?.reason == "unsupportedAlgorithm")
    }

    @Test func rsa3072And4096AndUnsupportedSizes() throws {
        #expect(try PrivateKey.generate(.rsa(bits: 3072)).algorithm == .rsa(bits: 3072))
        #expect(try PrivateKey.generate(.rsa(bits: 4096)).algorithm == .rsa(bits: 4096))
        let error = certificateError { _ = try PrivateKey.generate(.rsa(bits: 1024)) }
        #expect(error?.reason == "unsupportedAlgorithm")
    }

    @Test func opensslReadsOurEncryptedPKCS8() throws {
        let pem = try Fixtures.key("sm2-sign.key").pkcs8PEM(passphrase: "pw")
        let path = OpenSSLCLI.temporaryFile(pem)
        let result = OpenSSLCLI.run(["pkey", "-in", path, "-passin", "pass:pw", "-noout"])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func keysCertdCannotUseAreUnsupportedAlgorithm() {
        let x25519 = OpenSSLCLI.run(["genpkey", "-algorithm", "X25519"])
        #expect(x25519.status == 0)
        let error = certificateError { _ = try PrivateKey(pem: x25519.output) }
        #expect(error == .unsupportedAlgorithm(field: .privateKey, algorithm: "X25519"))
    }

    @Test func corruptKeyBodies() {
        var lines = Fixtures.text("rsa-leaf-a.key").split(separator: "\n").map(String.init)
        lines.removeSubrange(3..<6)
        #expect(certificateError { _ = try PrivateKey(pem: lines.joined(separator: "\n")) }?.reason == "corruptData")
        lines[2] = "***"
        #expect(certificateError { _ = try PrivateKey(pem: lines.joined(separator: "\n")) }?.reason == "corruptBase64")
        #expect(certificateError { _ = try PrivateKey(pem: "just some words") }?.reason == "badFormat")
        let pfx = certificateError { _ = try PrivateKey(bytes: Fixtures.bytes("rsa-leaf-a.p12"), passphrase: nil) }
        #expect(pfx == .looksLikePFX(field: .privateKey))
    }
}
