import Foundation
import Testing

@testable import CertCrypto

@Suite("PEMEncoding")
struct PEMEncodingTests {
    typealias F = KeyStoreFixtures

    @Test("base64 matches the RFC 4648 test vectors")
    func base64Vectors() {
        let vectors = [
            "": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=",
            "foobar": "Zm9vYmFy",
        ]
        for (input, expected) in vectors {
            #expect(PEMEncoding.base64(Array(input.utf8)) == expected)
        }
        let all = (0...255).map(UInt8.init)
        #expect(PEMEncoding.base64(all) == Data(all).base64EncodedString())
    }

    @Test("blocks have 64-column lines, markers and a final newline")
    func layout() {
        let pem = PEMEncoding.encode([UInt8](repeating: 0xAB, count: 60), label: "TEST")
        let lines = pem.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "-----BEGIN TEST-----")
        #expect(lines[1].count == 64)
        #expect(lines[2].count == 80 - 64)
        #expect(lines[3] == "-----END TEST-----")
        #expect(lines.last == "")
        #expect(PEMEncoding.encode([], label: "X") == "-----BEGIN X-----\n-----END X-----\n")
    }

    @Test("the fixture PEM files are reproduced exactly from their DER")
    func reproducesOpenSSLOutput() throws {
        for name in ["leaf.pem", "intermediate.pem", "root.pem", "sm2.pem"] {
            let original = try String(contentsOf: F.url(name), encoding: .utf8)
            #expect(PEMEncoding.certificate(try F.pemDER(name)) == original)
        }
        let key = try String(contentsOf: F.url("leaf.key"), encoding: .utf8)
        #expect(PEMEncoding.privateKey(try F.leafKey) == key)
    }

    @Test("PFX contents render as PEM that the openssl CLI reads")
    func contentsAsPEM() throws {
        let contents = try PKCS12Format.read(try F.bytes("modern.p12"), password: F.password)
        let chain = contents.chainPEM
        #expect(chain.components(separatedBy: "-----BEGIN CERTIFICATE-----").count == 3)
        try F.withTemporaryDirectory { directory in
            let keyPath = directory.appendingPathComponent("k.pem")
            let certPath = directory.appendingPathComponent("c.pem")
            try #require(contents.privateKeyPEM).write(to: keyPath, atomically: true, encoding: .utf8)
            try #require(contents.certificatePEM).write(to: certPath, atomically: true, encoding: .utf8)
            let key = try F.openssl(["pkey", "-in", keyPath.path, "-pubout"])
            let certificate = try F.openssl(["x509", "-in", certPath.path, "-noout", "-pubkey"])
            #expect(key.status == 0 && certificate.status == 0)
            #expect(key.output == certificate.output)
        }
    }
}
