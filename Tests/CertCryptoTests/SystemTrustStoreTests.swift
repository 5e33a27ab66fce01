import CertCrypto
import Foundation
import Testing

/// Public vs private issuers, decided against the ca-certificates bundle.
@Suite struct SystemTrustStoreTests {
    /// A real public root from the system bundle (ISRG Root X1 ships in ca-certificates).
    static func publicRoot() throws -> Certificate {
        let path = "/etc/ssl/certs/ISRG_Root_X1.pem"
        return try Certificate(pem: try String(contentsOfFile: path, encoding: .utf8))
    }

    @Test func systemBundleLoadsAndTrustsAPublicRoot() throws {
        let store = try #require(SystemTrustStore.system)
        #expect(store.rootCount > 50)
        #expect(store.isTrusted([try Self.publicRoot()]))
    }

    @Test func privateChainIsNotTrustedEvenWithItsRoot() throws {
        let store = try #require(SystemTrustStore.system)
        let now = Date()
        let root = try CertificateAuthority.makeRoot(
            subject: .init(commonName: "Private Root"), key: try PrivateKey.generate(.p256),
            validity: .days(3650, from: now))
        let key = try PrivateKey.generate(.p256)
        let leaf = try root.issueLeaf(
            subject: .init(commonName: "internal.example"), publicKey: key.publicKey,
            subjectAlternativeNames: [.dns("internal.example")], validity: .days(400, from: now))
        #expect(!store.isTrusted([leaf, root.certificate]))
        #expect(!store.isTrusted([root.certificate]))
        #expect(!store.isTrusted([]))
    }

    @Test func missingBundleIsAnError() {
        let error = certificateError { _ = try SystemTrustStore(bundlePath: "/nonexistent/bundle.pem") }
        #expect(error?.reason == "cryptoFailure")
    }
}
