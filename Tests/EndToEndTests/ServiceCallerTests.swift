import CertAPI
import CertRPC
import CertTLS
import CertTestSupport
import Foundation
import Testing

/// What README.md promises another Swift service: a few lines over the `CertdClient` product
/// (CertAPI, CertRPC, CertTLS only) reach a live certd with mutual TLS.
@Suite("a service-to-service caller")
struct ServiceCallerTests {
    /// The README's example, with the file paths and port as parameters. Keep the two in step.
    static func listCertificates(caFile: String, certFile: String, keyFile: String, port: Int) async throws
        -> ListCertificatesResponse
    {
        let tls = TLSConfiguration.client(
            certificateChain: .file(certFile), privateKey: .file(keyFile),
            trustedCA: .file(caFile), serverName: "localhost")
        let client = try RPCClient(configuration: RPCClientConfiguration(host: "127.0.0.1", port: port, tls: tls))
        try await client.connect()
        let certificates = CertificatesService.Client(transport: client)
        let page = try await certificates.listCertificates(ListCertificatesRequest(limit: 20))
        await client.close()
        return page
    }

    @Test("the README caller lists certificates through the CertdClient modules")
    func readmeCallerWorksAgainstALiveServer() async throws {
        try await EndToEnd.withCertd { certd in
            let leaf = try EndToEnd.makeLeaf(commonName: "caller.example")
            try await EndToEnd.withClient(certd) { client in
                _ = try await CertificatesService.Client(transport: client).uploadCertificate(
                    UploadCertificateRequest(
                        name: "for-the-caller", certificate: Array(leaf.certificatePEM.utf8),
                        privateKey: Array(leaf.keyPEM.utf8)))
            }
            let page = try await Self.listCertificates(
                caFile: certd.caCertificatePath, certFile: certd.adminCertificatePath,
                keyFile: certd.adminKeyPath, port: certd.port)
            #expect(page.certificates.map(\.name) == ["for-the-caller"])
            #expect(page.certificates.first?.details.commonName == "caller.example")
        }
    }
}
