import CertCrypto
import Foundation
import Testing

/// Issued certificates and CSRs, each verified by the openssl CLI.
@Suite struct IssuanceTests {
    static let distid = "distid:1234567812345678"
    let now = Date()

    func verify(_ leaf: Certificate, root: Certificate, untrusted: [Certificate] = [], sm2: Bool = false)
        -> (status: Int32, output: String)
    {
        var arguments = ["verify"]
        if sm2 { arguments += ["-vfyopt", Self.distid] }
        arguments += ["-CAfile", OpenSSLCLI.temporaryFile(root.pem)]
        if !untrusted.isEmpty {
            arguments += ["-untrusted", OpenSSLCLI.temporaryFile(untrusted.map(\.pem).joined())]
        }
        arguments.append(OpenSSLCLI.temporaryFile(leaf.pem))
        return OpenSSLCLI.run(arguments)
    }

    @Test(arguments: [KeyAlgorithm.rsa(bits: 2048), .p256, .p384])
    func rootIntermediateLeafVerifyWithOpenSSL(algorithm: KeyAlgorithm) throws {
        let root = try CertificateAuthority.makeRoot(
            subject: .init(commonName: "Test Root", organization: "certd"),
            key: try PrivateKey.generate(algorithm), validity: .days(3650, from: self.now), pathLength: 1)
        let intermediate = try root.issueIntermediate(
            subject: .init(commonName: "Test Intermediate"), key: try PrivateKey.generate(algorithm),
            validity: .days(1825, from: self.now), pathLength: 0)
        let leafKey = try PrivateKey.generate(algorithm)
        let leaf = try intermediate.issueLeaf(
            subject: .init(commonName: "service.example.com"), publicKey: leafKey.publicKey,
            subjectAlternativeNames: [.dns("service.example.com"), .ip("10.0.0.1")],
            validity: .days(90, from: self.now), extendedKeyUsage: [.serverAuth, .clientAuth])
        let result = self.verify(leaf, root: root.certificate, untrusted: [intermediate.certificate])
        #expect(result.status == 0, "\(result.output)")
        let details = leaf.details
        #expect(details.issuer == intermediate.certificate.subject)
        #expect(details.serialNumber.count >= 32)  // 128 random bits
        #expect(details.subjectAlternativeNames == [.dns("service.example.com"), .ip("10.0.0.1")])
        #expect(details.extendedKeyUsage == [.serverAuth, .clientAuth])
        #expect(abs(details.notAfter.timeIntervalSince(self.now) - 90 * 86_400) < 1)  // X.509 times have 1 s resolution
        #expect(intermediate.certificate.details.pathLength == 0 && intermediate.certificate.details.isCA)
        #expect(root.certificate.details.isSelfSigned)
        try KeyMatcher.check(certificate: leaf, key: leafKey)
        // Our own chain builder agrees.
        let bundle = try CertificateBundle.parse(
            certificatePEM: leaf.pem, chainPEM: root.certificate.pem + intermediate.certificate.pem)
        #expect(bundle.chain.certificates == [leaf, intermediate.certificate, root.certificate])
    }

    @Test func sm2ChainIsSignedWithSM3AndDistinguishingID() throws {
        let root = try CertificateAuthority.makeRoot(
            subject: .init(commonName: "SM2 Root", country: "CN"), key: try PrivateKey.generate(.sm2),
            validity: .days(3650, from: self.now))
        let intermediate = try root.issueIntermediate(
            subject: .init(commonName: "SM2 Intermediate"), key: try PrivateKey.generate(.sm2),
            validity: .days(3650, from: self.now))
        let leafKey = try PrivateKey.generate(.sm2)
        let leaf = try intermediate.issueLeaf(
            subject: .init(commonName: "sm2.example.cn"), publicKey: leafKey.publicKey,
            subjectAlternativeNames: [.dns("sm2.example.cn")], validity: .days(365, from: self.now))
        #expect(leaf.details.signatureAlgorithm == "SM2-with-SM3")
        // The CLI applies -vfyopt only to the target certificate, so check each link as its own target.
        let intermediateCheck = self.verify(intermediate.certificate, root: root.certificate, sm2: true)
        #expect(intermediateCheck.status == 0, "\(intermediateCheck.output)")
        let leafCheck = OpenSSLCLI.run([
            "verify", "-vfyopt", Self.distid, "-partial_chain", "-CAfile",
            OpenSSLCLI.temporaryFile(intermediate.certificate.pem), OpenSSLCLI.temporaryFile(leaf.pem),
        ])
        #expect(leafCheck.status == 0, "\(leafCheck.output)")
        // Signed with the GM/T ID, not OpenSSL 3.0's empty default: verifying without it must fail.
        let withoutID = self.verify(intermediate.certificate, root: root.certificate, sm2: false)
        #expect(withoutID.status != 0)
        let chain = try CertificateBundle.parse(
            certificatePEM: leaf.pem + intermediate.certificate.pem + root.certificate.pem)
        #expect(chain.chain.completeness == .selfSignedRoot)
    }

    @Test func serviceIdentitiesForCertd() throws {
        let ca = try CertificateAuthority.makeRoot(
            subject: .init(commonName: "certd local CA"), key: try PrivateKey.generate(.p256),
            validity: .days(3650, from: self.now), pathLength: 0)
        let serverKey = try PrivateKey.generate(.p256)
        let server = try ca.issueLeaf(
            subject: .init(commonName: "localhost"), publicKey: serverKey.publicKey,
            subjectAlternativeNames: [.dns("localhost"), .ip("127.0.0.1")], validity: .days(825, from: self.now),
            extendedKeyUsage: [.serverAuth])
        let adminKey = try PrivateKey.generate(.p256)
        let admin = try ca.issueLeaf(
            subject: .init(commonName: "admin", organizationalUnit: "certd"), publicKey: adminKey.publicKey,
            subjectAlternativeNames: [], validity: .days(825, from: self.now), extendedKeyUsage: [.clientAuth])
        let serverCheck = OpenSSLCLI.run([
            "verify", "-purpose", "sslserver", "-verify_hostname", "localhost", "-verify_ip", "127.0.0.1",
            "-CAfile", OpenSSLCLI.temporaryFile(ca.certificate.pem), OpenSSLCLI.temporaryFile(server.pem),
        ])
        #expect(serverCheck.status == 0, "\(serverCheck.output)")
        let adminCheck = OpenSSLCLI.run([
            "verify", "-purpose", "sslclient", "-CAfile", OpenSSLCLI.temporaryFile(ca.certificate.pem),
            OpenSSLCLI.temporaryFile(admin.pem),
        ])
        #expect(adminCheck.status == 0, "\(adminCheck.output)")
        let error = certificateError {
            _ = try ca.issueIntermediate(
                subject: .init(commonName: "nope"), key: serverKey, validity: .days(1, from: self.now))
        }
        #expect(error?.reason == "invalidIssuanceParameter")
    }

    @Test func caFromExistingFilesAndWrongKey() throws {
        let ca = try CertificateAuthority(
            certificate: Fixtures.certificate("rsa-int.crt"), key: Fixtures.key("rsa-int.key"))
        let key = try PrivateKey.generate(.p256)
        let leaf = try ca.issueLeaf(
            subject: .init(commonName: "x.example.com"), publicKey: key.publicKey,
            subjectAlternativeNames: [.dns("x.example.com")], validity: .days(30, from: self.now))
        let result = self.verify(leaf, root: Fixtures.certificate("rsa-root.crt"), untrusted: [ca.certificate])
        #expect(result.status == 0, "\(result.output)")
        #expect(
            certificateError {
                _ = try CertificateAuthority(
                    certificate: Fixtures.certificate("rsa-int.crt"), key: Fixtures.key("rsa-root.key"))
            }?.reason == "keyMismatch")
        #expect(
            certificateError {
                _ = try CertificateAuthority(
                    certificate: Fixtures.certificate("rsa-leaf-a.crt"), key: Fixtures.key("rsa-leaf-a.key"))
            }?.reason == "notACertificateAuthority")
    }

    @Test func invalidParametersAreRefused() throws {
        let ca = try CertificateAuthority(
            certificate: Fixtures.certificate("ec-int.crt"), key: Fixtures.key("ec-int.key"))
        let key = Fixtures.key("ec-leaf.key").publicKey
        #expect(
            certificateError {
                _ = try ca.issueLeaf(
                    subject: .init(commonName: "a"), publicKey: key,
                    subjectAlternativeNames: [.dns("bad name,DNS:evil.com")], validity: .days(1, from: self.now))
            }?.reason == "invalidIssuanceParameter")
        #expect(
            certificateError {
                _ = try ca.issueLeaf(
                    subject: .init(commonName: "a"), publicKey: key,
                    subjectAlternativeNames: [.ip("999.1.1.1")], validity: .days(1, from: self.now))
            }?.reason == "invalidIssuanceParameter")
        #expect(
            certificateError {
                _ = try ca.issueLeaf(
                    subject: .init(commonName: "a"), publicKey: key, subjectAlternativeNames: [],
                    validity: Validity(notBefore: self.now, notAfter: self.now.addingTimeInterval(-1)))
            }?.reason == "invalidIssuanceParameter")
    }

    @Test(arguments: [KeyAlgorithm.rsa(bits: 2048), .p256, .sm2])
    func generatedCSRVerifiesAndIsIssuable(algorithm: KeyAlgorithm) throws {
        let key = try PrivateKey.generate(algorithm)
        let csr = try CertificateSigningRequest.generate(
            subject: .init(commonName: "csr.example.com", organization: "Example", country: "US"),
            subjectAlternativeNames: [.dns("csr.example.com"), .dns("www.csr.example.com"), .ip("192.0.2.7")],
            key: key)
        #expect(csr.isSignatureValid)
        var arguments = ["req", "-in", OpenSSLCLI.temporaryFile(csr.pem), "-verify", "-noout"]
        if algorithm == .sm2 { arguments += ["-vfyopt", Self.distid] }
        let check = OpenSSLCLI.run(arguments)
        #expect(check.status == 0, "\(check.output)")
        let parsed = try CertificateSigningRequest(pem: csr.pem)
        #expect(parsed.subject == "CN=csr.example.com,O=Example,C=US")
        #expect(parsed.commonName == "csr.example.com")
        #expect(
            parsed.subjectAlternativeNames == [.dns("csr.example.com"), .dns("www.csr.example.com"), .ip("192.0.2.7")])
        #expect(parsed.keyAlgorithm == algorithm)
        #expect(parsed.publicKeyFingerprint == key.publicKey.fingerprint)
        let ca = try CertificateAuthority.makeRoot(
            subject: .init(commonName: "CSR CA"), key: try PrivateKey.generate(algorithm),
            validity: .days(10, from: self.now))
        let certificate = try ca.issueLeaf(for: parsed, validity: .days(5, from: self.now))
        #expect(parsed.matches(certificate))
        try parsed.check(certificate: certificate)
        #expect(certificate.details.subjectAlternativeNames == parsed.subjectAlternativeNames)
        #expect(certificate.subject == parsed.subject)
        #expect(certificateError { try parsed.check(certificate: ca.certificate) }?.reason == "requestMismatch")
    }

    @Test func csrFixturesParseInPEMAndDER() throws {
        let csr = try CertificateSigningRequest(pem: Fixtures.text("rsa-leaf-a-sans.csr"))
        #expect(csr.subjectAlternativeNames == [.dns("a.example.com"), .ip("192.0.2.1")])
        #expect(csr.matches(Fixtures.certificate("rsa-leaf-a.crt")))
        #expect(try CertificateSigningRequest(bytes: csr.der) == csr)
        let sm2 = try CertificateSigningRequest(pem: Fixtures.text("sm2-sign.csr"))
        #expect(sm2.isSignatureValid)  // CLI-made with distid: verifies only because we attach the ID
        #expect(sm2.keyAlgorithm == .sm2)
        #expect(
            certificateError { _ = try CertificateSigningRequest(pem: Fixtures.text("rsa-leaf-a.crt")) }?.reason
                == "badFormat")
        #expect(certificateError { _ = try CertificateSigningRequest(pem: "") }?.reason == "emptyInput")
    }
}
