import Foundation
import Testing

@testable import CertCrypto

@Suite("KeyStoreKind")
struct KeyStoreKindTests {
    typealias F = KeyStoreFixtures

    @Test("every fixture is recognised by content")
    func detectsFixtures() throws {
        for name in ["modern.p12", "legacy.p12", "3des.p12", "sm2.p12", "empty-password.p12"] {
            #expect(KeyStoreKind.detect(try F.bytes(name)) == .pkcs12, "\(name)")
        }
        #expect(KeyStoreKind.detect(try F.bytes("store.jks")) == .jks)
        #expect(KeyStoreKind.detect(try F.bytes("store.jceks")) == .jceks)
        #expect(KeyStoreKind.detect(try F.leaf) == nil)  // a DER certificate is a SEQUENCE, but not version 3
        #expect(KeyStoreKind.detect(Array("-----BEGIN CERTIFICATE-----".utf8)) == nil)
        #expect(KeyStoreKind.detect([]) == nil)
        #expect(KeyStoreKind.detect([0x30, 0x80, 0x02, 0x01, 0x03, 0x30]) == .pkcs12)  // BER, indefinite length
        #expect(KeyStoreKind.detect([0x30, 0x82, 0x0D, 0x3C, 0x02, 0x01, 0x03]) == .pkcs12)
        #expect(KeyStoreKind.detect([0x30, 0x82, 0x0D, 0x3C, 0x02, 0x01, 0x02]) == nil)
    }

    @Test("any key store reads into contents: one per PFX, one per Java entry")
    func readsAnyKeyStore() throws {
        let pfx = try KeyStoreContents.read(keyStore: try F.bytes("3des.p12"), password: F.password)
        #expect(pfx.count == 1)
        #expect(pfx.first?.privateKeyPKCS8DER == (try F.leafKey))
        let jks = try KeyStoreContents.read(keyStore: try F.bytes("store.jks"), password: F.password)
        #expect(jks.map(\.friendlyName) == ["root", "leaf"])
        #expect(jks[1].chainDER == [try F.intermediate, try F.root])
        let error = #expect(throws: KeyStoreError.self) {
            try KeyStoreContents.read(keyStore: try F.leaf, password: "")
        }
        #expect(error?.reason == "notPKCS12")
    }

    @Test("a traditional (PKCS#1) key given to the JKS writer is stored as PKCS#8")
    func jksWriterNormalisesKeys() throws {
        let traditional = try F.withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("rsa.der").path
            let result = try F.openssl([
                "pkey", "-in", F.url("leaf.key").path, "-traditional", "-outform", "DER", "-out", path,
            ])
            try #require(result.status == 0, "\(result.output)")
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(traditional != (try F.leafKey))
        let entry = KeyStoreEntry.privateKey(
            alias: "k", creationDate: Date(timeIntervalSince1970: 0), privateKeyPKCS8DER: traditional,
            certificateChainDER: [try F.leaf]
        )
        let read = try JavaKeyStoreFormat.read(
            try JavaKeyStoreFormat.write([entry], storePassword: "p"), storePassword: "p")
        guard case .privateKey(_, _, let key, _) = try #require(read.first) else {
            Issue.record("expected a key entry")
            return
        }
        #expect(key == (try F.leafKey))
    }
}
