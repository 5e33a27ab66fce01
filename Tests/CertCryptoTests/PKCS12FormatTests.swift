import Foundation
import Testing

@testable import CertCrypto

@Suite("PKCS12Format")
struct PKCS12FormatTests {
    typealias F = KeyStoreFixtures

    @Test(
        "every PFX encoding reads, with the original key, leaf, chain and friendly name",
        arguments: [
            ("modern.p12", F.password), ("legacy.p12", F.password), ("3des.p12", F.password),
            ("empty-password.p12", ""),
        ]
    )
    func readsFixture(name: String, password: String) throws {
        let contents = try PKCS12Format.read(try F.bytes(name), password: password)
        #expect(contents.privateKeyPKCS8DER == (try F.leafKey))
        #expect(contents.certificateDER == (try F.leaf))
        #expect(contents.chainDER == [try F.intermediate, try F.root])
        #expect(contents.friendlyName == "leaf")
        let key = try #require(contents.privateKeyPKCS8DER)
        let certificate = try #require(contents.certificateDER)
        #expect(KeyStoreOpenSSL.key(pkcs8DER: key, matchesCertificateDER: certificate))
    }

    @Test("a PKCS#12 written by Java's keytool reads; the root it holds twice is kept once")
    func readsKeytoolPKCS12() throws {
        let contents = try PKCS12Format.read(try F.bytes("keytool.p12"), password: F.password)
        #expect(contents.privateKeyPKCS8DER == (try F.leafKey))
        #expect(contents.certificateDER == (try F.leaf))
        #expect(contents.chainDER == [try F.intermediate, try F.root])
        #expect(contents.friendlyName == "leaf")
    }

    @Test("an SM2 PFX reads, and its SM2 key matches its certificate")
    func readsSM2() throws {
        let contents = try PKCS12Format.read(try F.bytes("sm2.p12"), password: F.password)
        #expect(contents.privateKeyPKCS8DER == (try F.pemDER("sm2.key")))
        #expect(contents.certificateDER == (try F.pemDER("sm2.pem")))
        #expect(contents.chainDER.isEmpty)
        #expect(contents.friendlyName == "sm2")
        #expect(
            KeyStoreOpenSSL.key(
                pkcs8DER: try #require(contents.privateKeyPKCS8DER),
                matchesCertificateDER: try #require(contents.certificateDER)
            )
        )
        #expect(!KeyStoreOpenSSL.key(pkcs8DER: try F.leafKey, matchesCertificateDER: try F.pemDER("sm2.pem")))
    }

    @Test(
        "a wrong password is wrongPassword, not a generic failure",
        arguments: [
            ("modern.p12", "wrong"), ("legacy.p12", "wrong"), ("3des.p12", "Changeit"), ("sm2.p12", ""),
            ("empty-password.p12", "changeit"), ("modern.p12", ""),
        ]
    )
    func wrongPassword(name: String, password: String) throws {
        #expect(throws: KeyStoreError.wrongPassword) {
            try PKCS12Format.read(try F.bytes(name), password: password)
        }
    }

    @Test("a legacy (RC2-40) PFX made now by the openssl CLI reads: the legacy provider is loaded")
    func readsLegacyMadeByCLI() throws {
        try F.withTemporaryDirectory { directory in
            let out = directory.appendingPathComponent("cli-legacy.p12").path
            let result = try F.openssl([
                "pkcs12", "-export", "-legacy", "-inkey", F.url("leaf.key").path, "-in", F.url("leaf.pem").path,
                "-name", "made-now", "-passout", "pass:s3cret", "-out", out,
            ])
            try #require(result.status == 0, "\(result.output)")
            let info = try F.openssl(["pkcs12", "-info", "-noout", "-legacy", "-in", out, "-passin", "pass:s3cret"])
            #expect(info.output.contains("pbeWithSHA1And40BitRC2-CBC"))
            let contents = try PKCS12Format.read(
                Array(try Data(contentsOf: URL(fileURLWithPath: out))), password: "s3cret")
            #expect(contents.privateKeyPKCS8DER == (try F.leafKey))
            #expect(contents.friendlyName == "made-now")
        }
    }

    @Test("a PFX without a MAC reads with its password; a wrong password is still wrongPassword")
    func readsWithoutMAC() throws {
        try F.withTemporaryDirectory { directory in
            let out = directory.appendingPathComponent("nomac.p12").path
            let result = try F.openssl([
                "pkcs12", "-export", "-nomac", "-inkey", F.url("leaf.key").path, "-in", F.url("leaf.pem").path,
                "-certfile", F.url("root.pem").path, "-name", "no-mac", "-passout", "pass:pw-nomac", "-out", out,
            ])
            try #require(result.status == 0, "\(result.output)")
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: out)))
            let contents = try PKCS12Format.read(bytes, password: "pw-nomac")
            #expect(contents.privateKeyPKCS8DER == (try F.leafKey))
            #expect(contents.certificateDER == (try F.leaf))
            #expect(contents.chainDER == [try F.root])
            #expect(contents.friendlyName == "no-mac")
            #expect(throws: KeyStoreError.wrongPassword) { try PKCS12Format.read(bytes, password: "pw-nomad") }
        }
    }

    @Test("written PFX round-trips", arguments: [PKCS12Format.Encryption.modern, .legacy])
    func writeReadRoundTrip(encryption: PKCS12Format.Encryption) throws {
        let original = KeyStoreContents(
            privateKeyPKCS8DER: try F.leafKey,
            certificateDER: try F.leaf,
            chainDER: [try F.intermediate, try F.root],
            friendlyName: "www.example.com"
        )
        let pfx = try PKCS12Format.write(original, password: "pfx-pw", encryption: encryption)
        #expect(try PKCS12Format.read(pfx, password: "pfx-pw") == original)
        #expect(throws: KeyStoreError.wrongPassword) { try PKCS12Format.read(pfx, password: "other") }
    }

    @Test("a written SM2 PFX and a certificate-only PFX round-trip; an empty password works")
    func writeSM2AndCertificateOnly() throws {
        let sm2 = KeyStoreContents(privateKeyPKCS8DER: try F.pemDER("sm2.key"), certificateDER: try F.pemDER("sm2.pem"))
        #expect(try PKCS12Format.read(try PKCS12Format.write(sm2, password: ""), password: "") == sm2)
        let certificateOnly = KeyStoreContents(privateKeyPKCS8DER: nil, certificateDER: try F.root)
        let read = try PKCS12Format.read(try PKCS12Format.write(certificateOnly, password: "x"), password: "x")
        #expect(read.privateKeyPKCS8DER == nil)
        let root = try F.root
        #expect(read.certificateDER == root || read.chainDER == [root])
    }

    @Test("the openssl CLI reads a written modern PFX and sees AES-256-CBC, PBKDF2/HMAC-SHA-256 and a SHA-256 MAC")
    func cliReadsModern() throws {
        let info = try self.cliInfo(encryption: .modern)
        #expect(info.contains("MAC: sha256"))
        #expect(info.contains("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC"))
        #expect(info.contains("PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC"))
        #expect(info.contains("PRF hmacWithSHA256"))
        #expect(!info.contains("RC2"))
    }

    @Test("the openssl CLI reads a written legacy PFX and sees 3DES with a SHA-1 MAC, no RC2")
    func cliReadsLegacy() throws {
        let info = try self.cliInfo(encryption: .legacy)
        #expect(info.contains("MAC: sha1"))
        #expect(info.contains("Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC"))
        #expect(info.contains("PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC"))
        #expect(!info.contains("RC2"))
    }

    private func cliInfo(encryption: PKCS12Format.Encryption) throws -> String {
        let contents = KeyStoreContents(
            privateKeyPKCS8DER: try F.leafKey,
            certificateDER: try F.leaf,
            chainDER: [try F.intermediate],
            friendlyName: "cli"
        )
        let pfx = try PKCS12Format.write(contents, password: "cli-pw", encryption: encryption)
        return try F.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("x.p12").path
            try Data(pfx).write(to: URL(fileURLWithPath: path))
            let info = try F.openssl(["pkcs12", "-info", "-noout", "-in", path, "-passin", "pass:cli-pw"])
            #expect(info.status == 0, "\(info.output)")
            // The CLI also extracts the key, proving the shrouded key bag decrypts outside certd.
            let key = try F.openssl(["pkcs12", "-in", path, "-passin", "pass:cli-pw", "-nocerts", "-nodes"])
            #expect(key.output.contains("-----BEGIN PRIVATE KEY-----"))
            #expect(key.output.contains("friendlyName: cli"))
            return info.output
        }
    }

    @Test("writing a key with someone else's certificate is refused")
    func writeRejectsMismatchedKey() throws {
        let contents = KeyStoreContents(privateKeyPKCS8DER: try F.pemDER("sm2.key"), certificateDER: try F.leaf)
        #expect(throws: KeyStoreError.invalidInput(detail: "the private key does not belong to the certificate")) {
            try PKCS12Format.write(contents, password: "x")
        }
        #expect(throws: KeyStoreError.invalidInput(detail: "the certificate is not valid DER")) {
            try PKCS12Format.write(
                KeyStoreContents(privateKeyPKCS8DER: nil, certificateDER: [0x30, 0x03]), password: "")
        }
    }

    @Test("every single-byte mutation of a PFX fails cleanly or reads back the original")
    func mutations() throws {
        let original = try F.bytes("modern.p12")
        let expected = try PKCS12Format.read(original, password: F.password)
        var generator = KeyStoreSeededGenerator(state: 2026)
        var failures = 0
        for _ in 0..<200 {
            var bytes = original
            let offset = Int.random(in: 0..<bytes.count, using: &generator)
            bytes[offset] ^= UInt8.random(in: 1...255, using: &generator)
            do {
                // Only bytes outside the MAC-protected data (such as the version) can change unnoticed.
                #expect(try PKCS12Format.read(bytes, password: F.password) == expected, "offset \(offset)")
            } catch {
                failures += 1
            }
        }
        #expect(failures > 190)
    }

    @Test("empty, oversized, truncated and random input fail cleanly")
    func malformedInput() throws {
        #expect(throws: KeyStoreError.emptyInput) { try PKCS12Format.read([], password: "") }
        let huge = [UInt8](repeating: 0x30, count: 10 * 1024 * 1024)
        #expect(throws: KeyStoreError.tooLarge(size: huge.count, limit: PKCS12Format.maximumInputSize)) {
            try PKCS12Format.read(huge, password: "")
        }
        let pfx = try F.bytes("modern.p12")
        for length in [1, 2, 16, 100, 1000, pfx.count / 2, pfx.count - 20, pfx.count - 1] {
            let error = #expect(throws: KeyStoreError.self) {
                try PKCS12Format.read(Array(pfx.prefix(length)), password: F.password)
            }
            #expect(error?.reason == "notPKCS12", "length \(length): \(String(describing: error))")
        }
        var generator = KeyStoreSeededGenerator(state: 12)
        for size in [1, 7, 64, 4096] {
            let error = #expect(throws: KeyStoreError.self) {
                try PKCS12Format.read(generator.bytes(size), password: "")
            }
            #expect(error?.reason == "notPKCS12")
            #expect(error?.openSSLError != nil)
        }
        #expect(throws: KeyStoreError.self) { try PKCS12Format.read(try F.bytes("store.jks"), password: F.password) }
    }
}
