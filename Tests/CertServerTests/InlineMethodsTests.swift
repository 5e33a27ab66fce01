import CertAPI
import CertServer
import CertWire
import Testing

@Suite("methods started on the event loop")
struct InlineMethodsTests {
    @Test("only served reads start on the loop; uploads, key generation and downloads do not")
    func inlineMethodsAreCheapReads() {
        let served = Set(
            (HealthService.methods + EchoService.methods + AccountsService.methods + CertificatesService.methods
                + CSRsService.methods).map(\.id))
        #expect(CertdServices.inlineMethodIDs.isSubset(of: served))
        #expect(CertdServices.inlineMethodIDs.contains(CertificatesService.Method.getCertificate.id))
        for heavy in [
            CertificatesService.Method.uploadCertificate, CertificatesService.Method.downloadCertificate,
            CSRsService.Method.createCSR, CSRsService.Method.uploadCSR,
        ] {
            #expect(!CertdServices.inlineMethodIDs.contains(heavy.id), "\(heavy)")
        }
    }
}
