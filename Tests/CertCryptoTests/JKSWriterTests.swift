import Foundation
import Testing

@testable import CertCrypto

/// Ties certd's JKS writer to Java's keytool without needing Java at test time.
///
/// tools/make-keystore-fixtures.sh runs this suite with `CERTD_UPDATE_KEYSTORE_FIXTURES=1`, which
/// rewrites written-by-certd.jks; the script then lists it with `keytool -list -v`, re-exports it
/// with keytool and checks the key, and commits that transcript (written-by-certd.keytool.txt).
/// Normally the suite proves the writer still produces exactly those keytool-verified bytes.
@Suite("JKSWriter")
struct JKSWriterTests {
    typealias F = KeyStoreFixtures

    @Test("the writer reproduces the keytool-verified written-by-certd.jks byte for byte")
    func matchesKeytoolVerifiedFixture() throws {
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let entries: [KeyStoreEntry] = [
            .privateKey(
                alias: "certd-leaf", creationDate: date, privateKeyPKCS8DER: try F.leafKey,
                certificateChainDER: [try F.leaf, try F.intermediate, try F.root]
            ),
            .trustedCertificate(alias: "certd-root", creationDate: date, certificateDER: try F.root),
        ]
        var counter: UInt8 = 0
        let jks = try JavaKeyStoreFormat.write(entries, storePassword: F.password, keyPassword: nil) {
            () throws(KeyStoreError) -> [UInt8] in
            defer { counter += 20 }
            return (0..<20).map { counter &+ $0 }
        }
        let url = F.url("written-by-certd.jks")
        if ProcessInfo.processInfo.environment["CERTD_UPDATE_KEYSTORE_FIXTURES"] == "1" {
            try Data(jks).write(to: url)
            return  // the script checks the new file with keytool and writes the transcript next
        }
        #expect(jks == (try F.bytes("written-by-certd.jks")))
        let transcript = try String(contentsOf: F.url("written-by-certd.keytool.txt"), encoding: .utf8)
        #expect(transcript.contains("Your keystore contains 2 entries"))
        #expect(transcript.contains("Alias name: certd-leaf"))
        #expect(transcript.contains("Entry type: PrivateKeyEntry"))
        #expect(transcript.contains("Certificate chain length: 3"))
        #expect(transcript.contains("its public key equals leaf.key's"))
        #expect(try JavaKeyStoreFormat.read(jks, storePassword: F.password).count == 2)
    }
}
