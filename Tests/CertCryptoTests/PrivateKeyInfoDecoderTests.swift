import CertCrypto
import Foundation
import Testing

/// The plain-PKCS#8 fast path of key parsing: the same keys and types as the general path, and
/// still correct after it met input it could not decode.
@Suite struct PrivateKeyInfoDecoderTests {
    @Test("PKCS#8 PEM and DER of every key family parse to the same key and type, also after a failed decode")
    func everyFamilyRoundTrips() throws {
        for algorithm in [KeyAlgorithm.rsa(bits: 2048), .p256, .sm2, .ed25519] {
            let key = try PrivateKey.generate(algorithm)
            // Damaged PKCS#8 first: the reused decoder context must not carry state into the next parse.
            var damaged = key.pkcs8DER
            damaged[damaged.count / 2] ^= 0xFF
            _ = try? PrivateKey(bytes: damaged, passphrase: nil)
            let fromPEM = try PrivateKey(pem: try key.pkcs8PEM())
            let fromDER = try PrivateKey(bytes: key.pkcs8DER, passphrase: nil)
            #expect(fromPEM.algorithm == algorithm, "\(algorithm)")
            #expect(fromDER.algorithm == algorithm, "\(algorithm)")
            #expect(fromPEM.pkcs8DER == key.pkcs8DER && fromDER.pkcs8DER == key.pkcs8DER, "\(algorithm)")
        }
    }

    @Test("trailing bytes after the PKCS#8 structure are not silently accepted by the fast path")
    func trailingBytesFallBack() throws {
        let key = try PrivateKey.generate(.p256)
        let parsed = try? PrivateKey(bytes: key.pkcs8DER + [0x00, 0x01], passphrase: nil)
        // The general path decides (OpenSSL's d2i ignores trailing data); either way it is this key.
        #expect(parsed == nil || parsed?.pkcs8DER == key.pkcs8DER)
    }
}
