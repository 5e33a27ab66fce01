import CertCrypto
import Foundation
import Testing

/// Cross-checks ``CertificateDetails`` against the openssl CLI's own reading of the same files.
@Suite struct CertificateDetailsTests {
    static let fixtures = [
        "rsa-leaf-a.crt", "rsa-int.crt", "ec-leaf.crt", "sm2-sign.crt", "ed25519.crt", "rsa-root.crt",
    ]

    @Test(arguments: Self.fixtures)
    func fingerprintsAndSerialMatchOpenSSL(name: String) {
        let details = Fixtures.certificate(name).details
        let path = Fixtures.path(name)
        let sha256 = OpenSSLCLI.run(["x509", "-in", path, "-noout", "-fingerprint", "-sha256"]).output
        let sha1 = OpenSSLCLI.run(["x509", "-in", path, "-noout", "-fingerprint", "-sha1"]).output
        let serial = OpenSSLCLI.run(["x509", "-in", path, "-noout", "-serial"]).output
        #expect(Self.hexAfterEquals(sha256) == details.sha256Fingerprint)
        #expect(Self.hexAfterEquals(sha1) == details.sha1Fingerprint)
        #expect(Self.hexAfterEquals(serial) == details.serialNumber)
        #expect(details.sha256Fingerprint.count == 64)
    }

    @Test(arguments: Self.fixtures)
    func namesDatesAndAlgorithmsMatchOpenSSL(name: String) {
        let details = Fixtures.certificate(name).details
        let path = Fixtures.path(name)
        let subject = OpenSSLCLI.run(["x509", "-in", path, "-noout", "-subject", "-nameopt", "RFC2253"]).output
        let issuer = OpenSSLCLI.run(["x509", "-in", path, "-noout", "-issuer", "-nameopt", "RFC2253"]).output
        #expect(subject.trimmingCharacters(in: .whitespacesAndNewlines) == "subject=\(details.subject)")
        #expect(issuer.trimmingCharacters(in: .whitespacesAndNewlines) == "issuer=\(details.issuer)")
        let text = OpenSSLCLI.run(["x509", "-in", path, "-noout", "-text"]).output
        #expect(text.contains("Signature Algorithm: \(details.signatureAlgorithm)"))
        let end = OpenSSLCLI.run(["x509", "-in", path, "-noout", "-enddate", "-dateopt", "iso_8601"]).output
        let iso = ISO8601DateFormatter()
        let printed = end.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(
            of: "notAfter=", with: ""
        )
        .replacingOccurrences(of: " ", with: "T")
        #expect(iso.date(from: printed) == details.notAfter, "\(printed)")
        switch details.keyAlgorithm {
        case .rsa(let bits): #expect(text.contains("Public-Key: (\(bits) bit)"))
        case .ec(let curve): #expect(text.contains("NIST CURVE: P-256") && curve == "prime256v1")
        case .sm2: #expect(text.contains("ASN1 OID: SM2"))
        case .ed25519: #expect(text.contains("ED25519 Public-Key"))
        default: Issue.record("unexpected algorithm \(details.keyAlgorithm)")
        }
    }

    @Test func leafDetails() {
        let details = Fixtures.certificate("rsa-leaf-a.crt").details
        #expect(details.commonName == "a.example.com")
        #expect(details.subject == "CN=a.example.com,O=Example a,C=US")
        #expect(details.subjectAlternativeNames.dnsNames == ["a.example.com", "www.a.example.com"])
        #expect(details.subjectAlternativeNames.ipAddresses == ["192.0.2.1", "2001:db8::1"])
        #expect(details.subjectAlternativeNames.emailAddresses == ["admin@a.example.com"])
        #expect(details.subjectAlternativeNames.uris == ["https://a.example.com/"])
        #expect(details.keyAlgorithm == .rsa(bits: 2048))
        #expect(details.signatureAlgorithm == "sha256WithRSAEncryption")
        #expect(!details.isCA && details.pathLength == nil)
        #expect(details.keyUsage == [.digitalSignature, .keyEncipherment])
        #expect(details.extendedKeyUsage == [.serverAuth, .clientAuth])
        #expect(!details.isSelfSigned)
        #expect(details.notBefore < Date() && details.notAfter > Date().addingTimeInterval(86_400 * 365 * 90))
    }

    @Test func caDetails() {
        let intermediate = Fixtures.certificate("rsa-int.crt").details
        #expect(intermediate.isCA && intermediate.pathLength == 0)
        #expect(intermediate.keyUsage == [.keyCertSign, .cRLSign])
        #expect(intermediate.extendedKeyUsage.isEmpty)
        let root = Fixtures.certificate("rsa-root.crt").details
        #expect(root.isCA && root.pathLength == nil && root.isSelfSigned)
        #expect(Fixtures.certificate("sm2-root.crt").details.isSelfSigned)
    }

    @Test func algorithmsAcrossKeyTypes() {
        #expect(Fixtures.certificate("ec-leaf.crt").details.keyAlgorithm.description == "EC P-256")
        #expect(Fixtures.certificate("ec-leaf.crt").details.signatureAlgorithm == "ecdsa-with-SHA256")
        #expect(Fixtures.certificate("sm2-enc.crt").details.keyAlgorithm == .sm2)
        #expect(
            Fixtures.certificate("sm2-enc.crt").details.keyUsage == [
                .keyEncipherment, .dataEncipherment, .keyAgreement,
            ])
        #expect(Fixtures.certificate("ed25519.crt").details.keyAlgorithm == .ed25519)
        #expect(Fixtures.certificate("ed25519.crt").details.signatureAlgorithm == "ED25519")
    }

    static func hexAfterEquals(_ line: String) -> String {
        let value = line.split(separator: "=", maxSplits: 1).last.map(String.init) ?? ""
        return value.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: ":", with: "")
            .lowercased()
    }
}
