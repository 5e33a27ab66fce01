import CertCrypto
import Foundation
import Testing

@testable import CertServer

@Suite struct ParsedCertificateCacheTests {
    private static func makeCertificate(_ name: String) throws -> CertCrypto.Certificate {
        try OpenSSLProviders.loadOnce()
        let key = try PrivateKey.generate(.p256)
        let authority = try CertificateAuthority.makeRoot(
            subject: DistinguishedName(commonName: name), key: key, validity: Validity.days(10, from: Date()))
        return authority.certificate
    }

    @Test func answersWhatAParseWouldAndStaysBounded() throws {
        let cache = ParsedCertificateCache(capacity: 2)
        let certificates = try ["a.example", "b.example", "c.example"].map(Self.makeCertificate)
        for certificate in certificates {
            let cached = cache.details(fingerprint: certificate.sha256Fingerprint, der: certificate.der)
            #expect(cached == certificate.details)
            // A second lookup is a hit and answers the same.
            #expect(cache.details(fingerprint: certificate.sha256Fingerprint, der: certificate.der) == cached)
        }
        #expect(cache.count <= 2)
        #expect(cache.details(fingerprint: "00", der: [0x30, 0x00]) == nil)
    }
}
