import Foundation
import Testing

@testable import CertCrypto

@Suite("JavaKeyStoreFormat")
struct JavaKeyStoreFormatTests {
    typealias F = KeyStoreFixtures

    @Test(
        "keytool's JKS and JCEKS read: a key entry with its chain and a trusted certificate",
        arguments: [
            ("store.jks", JavaKeyStoreFormat.Kind.jks), ("store.jceks", .jceks),
        ])
    func readsKeytoolStore(name: String, kind: JavaKeyStoreFormat.Kind) throws {
        let bytes = try F.bytes(name)
        #expect(JavaKeyStoreFormat.kind(of: bytes) == kind)
        let entries = try JavaKeyStoreFormat.read(bytes, storePassword: F.password)
        try #require(entries.count == 2)
        let byAlias = Dictionary(uniqueKeysWithValues: entries.map { ($0.alias, $0) })
        guard case .privateKey(_, let date, let key, let chain) = try #require(byAlias["leaf"]) else {
            Issue.record("leaf is not a private-key entry")
            return
        }
        #expect(key == (try F.leafKey))
        #expect(chain == [try F.leaf, try F.intermediate, try F.root])
        #expect(date > Date(timeIntervalSince1970: 1_700_000_000))
        #expect(KeyStoreOpenSSL.key(pkcs8DER: key, matchesCertificateDER: chain[0]))
        guard case .trustedCertificate(_, _, let root) = try #require(byAlias["root"]) else {
            Issue.record("root is not a trusted-certificate entry")
            return
        }
        #expect(root == (try F.root))
        let contents = KeyStoreContents(try #require(byAlias["leaf"]))
        #expect(contents.certificateDER == (try F.leaf))
        #expect(contents.chainDER == [try F.intermediate, try F.root])
        #expect(contents.friendlyName == "leaf")
    }

    @Test("a key password different from the store password is needed and accepted")
    func separateKeyPassword() throws {
        let bytes = try F.bytes("keypass.jks")
        #expect(throws: KeyStoreError.wrongKeyPassword(alias: "leaf")) {
            try JavaKeyStoreFormat.read(bytes, storePassword: F.password)
        }
        #expect(throws: KeyStoreError.wrongKeyPassword(alias: "leaf")) {
            try JavaKeyStoreFormat.read(bytes, storePassword: F.password, keyPassword: "nope")
        }
        let entries = try JavaKeyStoreFormat.read(bytes, storePassword: F.password, keyPassword: "keypass-2")
        guard case .privateKey(_, _, let key, _) = try #require(entries.first) else {
            Issue.record("expected a private-key entry")
            return
        }
        #expect(key == (try F.leafKey))
    }

    @Test("a wrong store password is wrongPassword", arguments: ["store.jks", "store.jceks", "keypass.jks"])
    func wrongStorePassword(name: String) throws {
        #expect(throws: KeyStoreError.wrongPassword) {
            try JavaKeyStoreFormat.read(try F.bytes(name), storePassword: "changeIt")
        }
        #expect(throws: KeyStoreError.wrongPassword) {
            try JavaKeyStoreFormat.read(try F.bytes(name), storePassword: "")
        }
    }

    @Test("a flipped byte fails the integrity check", arguments: ["store.jks", "store.jceks"])
    func flippedByte(name: String) throws {
        let original = try F.bytes(name)
        // Inside the first certificate's DER, then inside the trailing digest itself.
        for offset in [200, original.count - 1] {
            var bytes = original
            bytes[offset] ^= 0x01
            #expect(throws: KeyStoreError.wrongPassword) {
                try JavaKeyStoreFormat.read(bytes, storePassword: F.password)
            }
        }
    }

    @Test("every single-byte mutation is rejected without trapping")
    func mutations() throws {
        let original = try F.bytes("store.jks")
        var generator = KeyStoreSeededGenerator(state: 7)
        for _ in 0..<300 {
            var bytes = original
            let offset = Int.random(in: 0..<bytes.count, using: &generator)
            bytes[offset] ^= UInt8.random(in: 1...255, using: &generator)
            #expect(throws: KeyStoreError.self, "offset \(offset)") {
                try JavaKeyStoreFormat.read(bytes, storePassword: F.password)
            }
        }
    }

    @Test("every truncation is corrupt", arguments: ["store.jks", "store.jceks"])
    func truncations(name: String) throws {
        let original = try F.bytes(name)
        for length in 4..<original.count {
            let error = #expect(throws: KeyStoreError.self) {
                try JavaKeyStoreFormat.read(Array(original.prefix(length)), storePassword: F.password)
            }
            #expect(error?.reason == "corrupt", "length \(length)")
        }
        #expect(throws: KeyStoreError.corrupt(detail: "the file is only 3 bytes long")) {
            try JavaKeyStoreFormat.read(Array(original.prefix(3)), storePassword: F.password)
        }
        #expect(throws: KeyStoreError.emptyInput) { try JavaKeyStoreFormat.read([], storePassword: F.password) }
    }

    @Test("random bytes, PFX bytes and oversized input are refused before parsing")
    func notAJavaKeyStore() throws {
        var generator = KeyStoreSeededGenerator(state: 99)
        var random = generator.bytes(512)
        random[0] = 0x12
        #expect(
            throws: KeyStoreError.notJKS(
                magic: UInt32(random[0]) << 24 | UInt32(random[1]) << 16
                    | UInt32(random[2]) << 8 | UInt32(random[3]))
        ) {
            try JavaKeyStoreFormat.read(random, storePassword: "")
        }
        let pfx = try F.bytes("modern.p12")
        let error = #expect(throws: KeyStoreError.self) { try JavaKeyStoreFormat.read(pfx, storePassword: "") }
        #expect(error?.reason == "notJKS")
        #expect(JavaKeyStoreFormat.kind(of: pfx) == nil)
        let huge = [UInt8](repeating: 0xFE, count: 10 * 1024 * 1024)
        #expect(throws: KeyStoreError.tooLarge(size: huge.count, limit: JavaKeyStoreFormat.maximumInputSize)) {
            try JavaKeyStoreFormat.read(huge, storePassword: "")
        }
    }

    @Test("huge counts and lengths are checked against the remaining bytes, not allocated")
    func hugeLengths() throws {
        // 4 billion entries announced, then a private key entry claiming a 2 GiB key.
        var bytes: [UInt8] = [0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2, 0xFF, 0xFF, 0xFF, 0xFF]
        bytes += [0, 0, 0, 1, 0, 1, UInt8(ascii: "a")] + [UInt8](repeating: 0, count: 8) + [0x7F, 0xFF, 0xFF, 0xFF]
        bytes += [UInt8](repeating: 0, count: 40)
        let error = #expect(throws: KeyStoreError.self) { try JavaKeyStoreFormat.read(bytes, storePassword: "") }
        #expect(error?.reason == "corrupt")
        #expect(error?.message.contains("needs 2147483647 bytes") == true)
        // A negative (top-bit) length.
        bytes.replaceSubrange(27..<31, with: [0x80, 0, 0, 0])
        #expect(throws: KeyStoreError.corrupt(detail: "the length of protected key of 'a' is negative at byte 27")) {
            try JavaKeyStoreFormat.read(bytes, storePassword: "")
        }
    }

    @Test("a version-1 JKS (no certificate type strings) with a trusted certificate reads")
    func versionOne() throws {
        let root = try F.root
        var body: [UInt8] = [0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 4]
        body += Array("ca-1".utf8) + [0, 0, 1, 0x80, 0, 0, 0, 0]
        body +=
            [
                UInt8(root.count >> 24), UInt8(root.count >> 16 & 0xFF), UInt8(root.count >> 8 & 0xFF),
                UInt8(root.count & 0xFF),
            ] + root
        let bytes = body + (try JavaKeyStoreFormat.integrityDigest(body, password: "pw"))
        let entries = try JavaKeyStoreFormat.read(bytes, storePassword: "pw")
        #expect(
            entries == [
                .trustedCertificate(
                    alias: "ca-1", creationDate: Date(timeIntervalSince1970: 0x0180_0000_0000 / 1000),
                    certificateDER: root
                )
            ])
    }

    @Test("a key entry without certificates is reported as unsupported, not corrupt")
    func keyWithoutChain() throws {
        var body: [UInt8] = [0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, UInt8(ascii: "k")]
        body += [UInt8](repeating: 0, count: 8) + [0, 0, 0, 3, 0x30, 0x01, 0x00] + [0, 0, 0, 0]
        let bytes = body + (try JavaKeyStoreFormat.integrityDigest(body, password: "pw"))
        #expect(throws: KeyStoreError.unsupportedEntry(kind: "private key without certificate")) {
            try JavaKeyStoreFormat.read(bytes, storePassword: "pw")
        }
    }

    @Test("a JCEKS secret-key entry is reported as unsupported; an unknown JKS tag is corrupt")
    func secretKeyEntry() throws {
        var body: [UInt8] = [0xCE, 0xCE, 0xCE, 0xCE, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 3, 0, 1, UInt8(ascii: "k")]
        body += [UInt8](repeating: 0xAC, count: 64)
        #expect(throws: KeyStoreError.unsupportedEntry(kind: "secret key")) {
            try JavaKeyStoreFormat.read(body, storePassword: "")
        }
        body.replaceSubrange(0..<4, with: [0xFE, 0xED, 0xFE, 0xED])
        #expect(throws: KeyStoreError.corrupt(detail: "unknown entry tag 3 at byte 12")) {
            try JavaKeyStoreFormat.read(body, storePassword: "")
        }
    }

    @Test("written JKS round-trips, with lower-cased aliases, dates and a separate key password")
    func writeReadRoundTrip() throws {
        let date = Date(timeIntervalSince1970: 1_790_000_000.123)
        let entries: [KeyStoreEntry] = [
            .privateKey(
                alias: "Web-Server", creationDate: date, privateKeyPKCS8DER: try F.leafKey,
                certificateChainDER: [try F.leaf, try F.intermediate, try F.root]
            ),
            .trustedCertificate(alias: "root ca é", creationDate: date, certificateDER: try F.root),
            .privateKey(
                alias: "sm2", creationDate: date, privateKeyPKCS8DER: try F.pemDER("sm2.key"),
                certificateChainDER: [try F.pemDER("sm2.pem")]
            ),
        ]
        let jks = try JavaKeyStoreFormat.write(entries, storePassword: "store-pw", keyPassword: "key-pw")
        let read = try JavaKeyStoreFormat.read(jks, storePassword: "store-pw", keyPassword: "key-pw")
        #expect(read.map(\.alias) == ["web-server", "root ca é", "sm2"])
        #expect(
            read.map(\.creationDate)
                == [date, date, date].map {
                    Date(timeIntervalSince1970: ($0.timeIntervalSince1970 * 1000).rounded() / 1000)
                })
        #expect(
            read[0]
                == .privateKey(
                    alias: "web-server", creationDate: read[0].creationDate, privateKeyPKCS8DER: try F.leafKey,
                    certificateChainDER: [try F.leaf, try F.intermediate, try F.root]
                ))
        #expect(throws: KeyStoreError.wrongKeyPassword(alias: "web-server")) {
            try JavaKeyStoreFormat.read(jks, storePassword: "store-pw")
        }
        // Two writes of the same entries differ (fresh salts) but read back the same.
        let again = try JavaKeyStoreFormat.write(entries, storePassword: "store-pw", keyPassword: "key-pw")
        #expect(again != jks)
        #expect(try JavaKeyStoreFormat.read(again, storePassword: "store-pw", keyPassword: "key-pw") == read)
    }

    @Test("the JKS writer refuses duplicate aliases, empty chains and keys of other certificates")
    func writeRejectsBadInput() throws {
        let date = Date(timeIntervalSince1970: 0)
        let root = try F.root
        #expect(throws: KeyStoreError.invalidInput(detail: "the alias 'a' is used twice (Java ignores case)")) {
            try JavaKeyStoreFormat.write(
                [
                    .trustedCertificate(alias: "a", creationDate: date, certificateDER: root),
                    .trustedCertificate(alias: "A", creationDate: date, certificateDER: root),
                ], storePassword: "x")
        }
        #expect(throws: KeyStoreError.invalidInput(detail: "the private-key entry 'k' has no certificate")) {
            try JavaKeyStoreFormat.write(
                [
                    .privateKey(
                        alias: "k", creationDate: date, privateKeyPKCS8DER: try F.leafKey, certificateChainDER: [])
                ], storePassword: "x")
        }
        let error = #expect(throws: KeyStoreError.self) {
            try JavaKeyStoreFormat.write(
                [
                    .privateKey(
                        alias: "k", creationDate: date, privateKeyPKCS8DER: try F.leafKey, certificateChainDER: [root])
                ], storePassword: "x")
        }
        #expect(error?.reason == "invalidInput")
        #expect(throws: KeyStoreError.invalidInput(detail: "certificate 1 of 'c' is not valid DER")) {
            try JavaKeyStoreFormat.write(
                [
                    .trustedCertificate(alias: "c", creationDate: date, certificateDER: [1, 2, 3])
                ], storePassword: "x")
        }
    }
}
