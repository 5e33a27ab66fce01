import CertCrypto
import Foundation
import Testing

@Suite struct CertificateParsingTests {
    let leaf = Fixtures.text("rsa-leaf-a.crt")
    let intermediate = Fixtures.text("rsa-int.crt")
    let root = Fixtures.text("rsa-root.crt")

    @Test func bundleInAnyOrderIsOrderedLeafToRoot() throws {
        let bundle = try CertificateBundle.parse(certificatePEM: self.root + self.leaf + self.intermediate)
        #expect(
            bundle.chain.certificates.map(\.details.commonName) == [
                "a.example.com", "Certd Test RSA Intermediate", "Certd Test RSA Root",
            ])
        #expect(bundle.leaf.details.commonName == "a.example.com")
        #expect(bundle.chain.completeness == .selfSignedRoot)
        #expect(bundle.chain.intermediates.count == 1)
        #expect(bundle.chain.root?.details.commonName == "Certd Test RSA Root")
    }

    @Test func crlfWhitespaceAndTextOutsideMarkersAreTolerated() throws {
        let messy =
            "Subject: a.example.com\r\nissuer blah\r\n\r\n   "
            + self.intermediate.replacingOccurrences(of: "\n", with: "\r\n")
            + "\r\n  some trailing notes\r\n" + self.leaf.replacingOccurrences(of: "\n", with: "\n  ") + "\n\n"
        let bundle = try CertificateBundle.parse(certificatePEM: messy)
        #expect(bundle.chain.certificates.count == 2)
        #expect(bundle.leaf == Fixtures.certificate("rsa-leaf-a.crt"))
        #expect(
            bundle.chain.completeness
                == .incomplete(
                    subject: bundle.chain.certificates[1].subject,
                    missingIssuer: "CN=Certd Test RSA Root,O=Certd Test,C=US"))
    }

    @Test func chainInSeparateFieldIsJoined() throws {
        let bundle = try CertificateBundle.parse(certificatePEM: self.leaf, chainPEM: self.root + self.intermediate)
        #expect(bundle.chain.certificates.count == 3)
        #expect(bundle.chain.isComplete)
    }

    @Test func derCertificateIsAcceptedWhereAllowed() throws {
        let bundle = try CertificateBundle.parse(certificatePEM: Fixtures.bytes("rsa-leaf-a.der"))
        #expect(bundle.leaf == Fixtures.certificate("rsa-leaf-a.crt"))
        #expect(bundle.leaf.pem == self.leaf)
    }

    @Test func derWherePEMIsExpectedIsRefusedWithDERHint() {
        let error = certificateError {
            _ = try CertificateBundle.parse(certificatePEM: Fixtures.bytes("rsa-leaf-a.der"), allowDER: false)
        }
        #expect(error?.reason == "looksLikeDER")
        #expect(error?.message.hasPrefix(CertificateError.notPEMCertificateMessage) == true)
        #expect(error?.message.contains("openssl x509 -inform DER") == true)
    }

    @Test func pemRoundTripsThroughDER() throws {
        let certificate = Fixtures.certificate("ec-leaf.crt")
        #expect(try Certificate(der: certificate.der) == certificate)
        #expect(certificate.pem == Fixtures.text("ec-leaf.crt"))
    }

    @Test func trustedIssuerCompletesAChainWithoutRoot() throws {
        let root = Fixtures.certificate("rsa-root.crt")
        let bundle = try CertificateBundle.parse(
            certificatePEM: self.leaf, chainPEM: self.intermediate, trustedIssuers: [root])
        #expect(bundle.chain.completeness == .trustedIssuer(subject: root.subject))
        #expect(bundle.chain.isComplete)
        #expect(bundle.chain.root == nil)
    }

    @Test func sm2ChainVerifiesWithDistinguishingID() throws {
        let bundle = try CertificateBundle.parse(
            certificatePEM: Fixtures.text("sm2-sign.crt"), chainPEM: Fixtures.text("sm2-root.crt"))
        #expect(bundle.chain.completeness == .selfSignedRoot)
        #expect(bundle.leaf.details.keyAlgorithm == .sm2)
        #expect(bundle.leaf.details.signatureAlgorithm == "SM2-with-SM3")
    }
}
