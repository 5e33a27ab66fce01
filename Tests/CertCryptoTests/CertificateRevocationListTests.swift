import CertCrypto
import Foundation
import Testing

/// CRLs built and signed by a CA, checked by the openssl CLI (`openssl crl -CAfile`) and read back.
@Suite struct CertificateRevocationListTests {
    let now = Date()

    func makeCA(_ algorithm: KeyAlgorithm) throws -> (root: CertificateAuthority, intermediate: CertificateAuthority) {
        let root = try CertificateAuthority.makeRoot(
            subject: .init(commonName: "CRL Root"), key: try PrivateKey.generate(algorithm),
            validity: .days(3650, from: self.now), pathLength: 1)
        let intermediate = try root.issueIntermediate(
            subject: .init(commonName: "CRL Intermediate"), key: try PrivateKey.generate(algorithm),
            validity: .days(1825, from: self.now), pathLength: 0)
        return (root, intermediate)
    }

    @Test(arguments: [KeyAlgorithm.rsa(bits: 2048), .p256, .p384])
    func signedCRLVerifiesWithOpenSSLAndReadsBack(algorithm: KeyAlgorithm) throws {
        let (_, ca) = try self.makeCA(algorithm)
        let leafKey = try PrivateKey.generate(.p256)
        let leaf = try ca.issueLeaf(
            subject: .init(commonName: "revoked.example.com"), publicKey: leafKey.publicKey,
            subjectAlternativeNames: [.dns("revoked.example.com")], validity: .days(30, from: self.now))
        let revokedAt = Date(timeIntervalSince1970: (self.now.timeIntervalSince1970 - 60).rounded(.down))
        let crl = try CertificateRevocationList.make(
            issuer: ca,
            revoked: [
                RevokedCertificate(
                    serialNumberHex: leaf.details.serialNumber, revocationDate: revokedAt, reason: .keyCompromise),
                RevokedCertificate(serialNumberHex: "0a1b", revocationDate: revokedAt, reason: .superseded),
            ],
            thisUpdate: self.now, nextUpdate: self.now.addingTimeInterval(7 * 86_400), number: 7)
        let caFile = OpenSSLCLI.temporaryFile(ca.certificate.pem)
        let result = OpenSSLCLI.run(["crl", "-in", OpenSSLCLI.temporaryFile(crl.pem), "-CAfile", caFile, "-noout"])
        #expect(result.status == 0 && result.output.contains("verify OK"), "\(result.output)")
        let text = OpenSSLCLI.run(["crl", "-in", OpenSSLCLI.temporaryFile(crl.pem), "-noout", "-text"]).output
        #expect(text.contains("Key Compromise") && text.contains("Superseded"), "\(text)")
        #expect(text.contains("X509v3 CRL Number") && text.contains("Next Update"), "\(text)")
        #expect(crl.number == 7)
        #expect(crl.issuer == ca.certificate.subject)
        #expect(Set(crl.revoked.map(\.serialNumberHex)) == [leaf.details.serialNumber, "0a1b"])
        #expect(crl.revoked.first { $0.serialNumberHex == "0a1b" }?.reason == .superseded)
        #expect(crl.revoked.first { $0.serialNumberHex == "0a1b" }?.revocationDate == revokedAt)
        #expect(crl.isSigned(by: ca.certificate))
        #expect(try CertificateRevocationList(der: crl.der) == crl)
    }

    @Test func crlCheckedVerifyRejectsTheRevokedLeaf() throws {
        let (root, ca) = try self.makeCA(.p256)
        let key = try PrivateKey.generate(.p256)
        let leaf = try ca.issueLeaf(
            subject: .init(commonName: "a.example.com"), publicKey: key.publicKey,
            subjectAlternativeNames: [.dns("a.example.com")], validity: .days(30, from: self.now))
        let rootCRL = try CertificateRevocationList.make(
            issuer: root, revoked: [], thisUpdate: self.now, nextUpdate: self.now.addingTimeInterval(86_400), number: 1)
        let crl = try CertificateRevocationList.make(
            issuer: ca,
            revoked: [
                .init(serialNumberHex: leaf.details.serialNumber, revocationDate: self.now, reason: .keyCompromise)
            ],
            thisUpdate: self.now, nextUpdate: self.now.addingTimeInterval(86_400), number: 1)
        let arguments = [
            "verify", "-crl_check_all", "-CRLfile", OpenSSLCLI.temporaryFile(crl.pem + rootCRL.pem),
            "-CAfile", OpenSSLCLI.temporaryFile(root.certificate.pem),
            "-untrusted", OpenSSLCLI.temporaryFile(ca.certificate.pem), OpenSSLCLI.temporaryFile(leaf.pem),
        ]
        let result = OpenSSLCLI.run(arguments)
        #expect(result.status != 0 && result.output.contains("certificate revoked"), "\(result.output)")
    }

    @Test func sm2CRLIsSignedWithSM3AndTheDistinguishingID() throws {
        let (root, ca) = try self.makeCA(.sm2)
        let crl = try CertificateRevocationList.make(
            issuer: ca, revoked: [.init(serialNumberHex: "01", revocationDate: self.now, reason: .unspecified)],
            thisUpdate: self.now, nextUpdate: self.now.addingTimeInterval(86_400), number: 1)
        #expect(crl.isSigned(by: ca.certificate))
        #expect(!crl.isSigned(by: root.certificate))
        let text = OpenSSLCLI.run(["crl", "-in", OpenSSLCLI.temporaryFile(crl.pem), "-noout", "-text"]).output
        #expect(text.contains("SM2-with-SM3"), "\(text)")
    }

    @Test func wrongIssuerAndBadParametersAreRefused() throws {
        let (root, ca) = try self.makeCA(.p256)
        let crl = try CertificateRevocationList.make(
            issuer: ca, revoked: [], thisUpdate: self.now, nextUpdate: self.now.addingTimeInterval(60), number: 1)
        #expect(!crl.isSigned(by: root.certificate))
        let result = OpenSSLCLI.run([
            "crl", "-in", OpenSSLCLI.temporaryFile(crl.pem), "-CAfile", OpenSSLCLI.temporaryFile(root.certificate.pem),
            "-noout",
        ])
        #expect(!result.output.contains("verify OK"), "\(result.output)")
        let backwards = certificateError {
            _ = try CertificateRevocationList.make(
                issuer: ca, revoked: [], thisUpdate: self.now, nextUpdate: self.now, number: 1)
        }
        #expect(backwards == .invalidIssuanceParameter(name: "nextUpdate", detail: "must be later than thisUpdate"))
        let badSerial = certificateError {
            _ = try CertificateRevocationList.make(
                issuer: ca, revoked: [.init(serialNumberHex: "xyz", revocationDate: self.now, reason: .unspecified)],
                thisUpdate: self.now, nextUpdate: self.now.addingTimeInterval(60), number: 1)
        }
        #expect(badSerial?.reason == "invalidIssuanceParameter")
        let twice = certificateError {
            let entry = RevokedCertificate(serialNumberHex: "0b", revocationDate: self.now, reason: .unspecified)
            _ = try CertificateRevocationList.make(
                issuer: ca, revoked: [entry, entry], thisUpdate: self.now, nextUpdate: self.now.addingTimeInterval(60),
                number: 1)
        }
        #expect(twice?.reason == "invalidIssuanceParameter")
        #expect(certificateError { _ = try CertificateRevocationList(der: [0x30, 0x00]) }?.reason == "corruptData")
    }

    @Test func reasonNamesRoundTrip() {
        for reason in RevocationReason.allCases {
            #expect(RevocationReason(name: reason.name) == reason)
        }
        #expect(RevocationReason(name: "KEYCOMPROMISE") == .keyCompromise)
        #expect(RevocationReason(name: "stolen") == nil)
    }
}
