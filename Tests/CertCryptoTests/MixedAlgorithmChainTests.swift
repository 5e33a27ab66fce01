import CertCrypto
import Foundation
import Testing

/// A leaf whose key algorithm differs from its SM2 issuer's: the SM2 signature carries the GM/T 0009
/// ID, so the parsed leaf must get the ID for its signature to verify.
@Suite struct MixedAlgorithmChainTests {
    @Test func ecLeafUnderSM2IntermediateLinks() throws {
        let now = Date()
        let root = try CertificateAuthority.makeRoot(
            subject: .init(commonName: "SM2 Root"), key: try PrivateKey.generate(.sm2),
            validity: .days(3650, from: now), pathLength: 1)
        let intermediate = try root.issueIntermediate(
            subject: .init(commonName: "SM2 Intermediate"), key: try PrivateKey.generate(.sm2),
            validity: .days(1000, from: now))
        let key = try PrivateKey.generate(.p256)
        let leaf = try intermediate.issueLeaf(
            subject: .init(commonName: "ec.internal"), publicKey: key.publicKey,
            subjectAlternativeNames: [.dns("ec.internal")], validity: .days(30, from: now))
        #expect(leaf.details.signatureAlgorithm == "SM2-with-SM3")
        // Re-parsed from DER, as the store hands it back.
        let parsed = try Certificate(der: leaf.der)
        let chain = try CertificateChain.build(certificates: [
            (parsed, .certificate), (try Certificate(der: intermediate.certificate.der), .chain),
            (try Certificate(der: root.certificate.der), .chain),
        ])
        #expect(chain.isComplete && chain.certificates.count == 3)
        // The CLI applies -vfyopt to the certificate being verified only, so check the leaf link alone.
        let result = OpenSSLCLI.run([
            "verify", "-vfyopt", "distid:1234567812345678", "-partial_chain", "-CAfile",
            OpenSSLCLI.temporaryFile(intermediate.certificate.pem), OpenSSLCLI.temporaryFile(leaf.pem),
        ])
        #expect(result.status == 0, "\(result.output)")
    }
}
