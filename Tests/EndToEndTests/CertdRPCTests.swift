import CertAPI
import CertCrypto
import CertRPC
import CertTLS
import CertTestSupport
import CertWire
import Foundation
import Testing

/// certd's services through the generated clients over real mTLS, with the credentials certd made.
@Suite("certd over mTLS")
struct CertdRPCTests {
    @Test("Health and Echo answer the admin")
    func healthAndEcho() async throws {
        try await EndToEnd.withCertd { certd in
            try await EndToEnd.withClient(certd) { client in
                let health = try await HealthService.Client(transport: client).check(HealthCheckRequest())
                #expect(health.status == .serving)
                #expect(!health.version.isEmpty)
                let echo = EchoService.Client(transport: client)
                let payload = [UInt8](repeating: 7, count: 64)
                #expect(try await echo.echo(EchoRequest(payload: payload)).payload == payload)
                let sized = try await echo.echo(EchoRequest(payload: payload, responseSize: 2048))
                #expect(sized.payload.count == 2048)
            }
        }
    }

    @Test("upload, list, get and download round trip")
    func uploadListGetDownload() async throws {
        try await EndToEnd.withCertd { certd in
            let leaf = try EndToEnd.makeLeaf(commonName: "roundtrip.example")
            let expected = try CertCrypto.Certificate(pem: leaf.certificatePEM)
            try await EndToEnd.withClient(certd) { client in
                let certificates = CertificatesService.Client(transport: client)
                let uploaded = try await certificates.uploadCertificate(
                    UploadCertificateRequest(
                        name: "roundtrip", certificate: Array(leaf.certificatePEM.utf8),
                        privateKey: Array(leaf.keyPEM.utf8), tags: ["env": "e2e"])
                ).certificate
                #expect(uploaded.name == "roundtrip")
                #expect(uploaded.details.fingerprintSHA256 == expected.sha256Fingerprint)
                #expect(uploaded.hasKey)

                let listed = try await certificates.listCertificates(ListCertificatesRequest())
                #expect(listed.certificates.map(\.id) == [uploaded.id])

                let fetched = try await certificates.getCertificate(GetCertificateRequest(id: uploaded.id))
                #expect(fetched.details.commonName == "roundtrip.example")
                #expect(fetched.tags == ["env": "e2e"])

                let downloaded = try await certificates.downloadCertificate(DownloadCertificateRequest(id: uploaded.id))
                #expect(try CertCrypto.Certificate(pem: downloaded.certificatePEM) == expected)
                #expect(try PrivateKey(pem: downloaded.privateKeyPEM).pkcs8DER == PrivateKey(pem: leaf.keyPEM).pkcs8DER)
            }
        }
    }

    @Test("an account created through the API cannot see the admin's certificate (notFound)")
    func otherAccountSeesNothingOfTheAdmin() async throws {
        try await EndToEnd.withCertd { certd in
            let leaf = try EndToEnd.makeLeaf(commonName: "private.example")
            let (adminCertificateID, credentials) = try await EndToEnd.withClient(certd) { client in
                let uploaded = try await CertificatesService.Client(transport: client).uploadCertificate(
                    UploadCertificateRequest(
                        name: "admin-only", certificate: Array(leaf.certificatePEM.utf8),
                        privateKey: Array(leaf.keyPEM.utf8))
                ).certificate
                let accounts = AccountsService.Client(transport: client)
                _ = try await accounts.createAccount(
                    CreateAccountRequest(
                        id: "bob", displayName: "Bob",
                        identity: VerifiedIdentity(name: "Bob Ltd", kind: .legalEntity, verified: false),
                        site: .international, role: .user))
                let credentials = try await accounts.issueCredentials(
                    IssueCredentialsRequest(accountID: "bob", validityDays: 30))
                return (uploaded.id, credentials)
            }
            let bobTLS = certd.clientTLS(
                certificatePEM: credentials.certificatePEM, privateKeyPEM: credentials.privateKeyPEM)
            try await EndToEnd.withClient(certd, tls: bobTLS) { client in
                let me = try await AccountsService.Client(transport: client).whoAmI(WhoAmIRequest())
                #expect(me.id == "bob")
                let certificates = CertificatesService.Client(transport: client)
                let error = await #expect(throws: RPCError.self) {
                    _ = try await certificates.getCertificate(GetCertificateRequest(id: adminCertificateID))
                }
                #expect(error?.status == .notFound)
                #expect(try await certificates.listCertificates(ListCertificatesRequest()).certificates.isEmpty)
            }
        }
    }

    @Test("a client certificate from another CA is refused as unauthenticated")
    func foreignClientCertificateIsRefused() async throws {
        let pki = try TestPKI.shared
        try await EndToEnd.withCertd { certd in
            let tls = TLSConfiguration.client(
                certificateChain: .file(pki.otherClient.certificate),
                privateKey: .file(pki.otherClient.key),
                trustedCA: .file(certd.caCertificatePath),
                serverName: "localhost"
            )
            let error = try await EndToEnd.withClient(certd, tls: tls) { client in
                await #expect(throws: RPCError.self) {
                    _ = try await EchoService.Client(transport: client).echo(EchoRequest(payload: [1]))
                }
            }
            #expect(error?.status == .unauthenticated)
            // The server keeps serving others.
            try await EndToEnd.withClient(certd) { client in
                let health = try await HealthService.Client(transport: client).check(HealthCheckRequest())
                #expect(health.status == .serving)
            }
        }
    }

    @Test("openssl s_client with the admin credentials completes a handshake with ALPN certd/1")
    func opensslClientHandshake() async throws {
        try await EndToEnd.withCertd { certd in
            let result = try await EndToEnd.run(
                "/usr/bin/openssl",
                [
                    "s_client", "-connect", "127.0.0.1:\(certd.port)", "-servername", "localhost",
                    "-cert", certd.adminCertificatePath, "-key", certd.adminKeyPath,
                    "-CAfile", certd.caCertificatePath, "-alpn", "certd/1", "-verify_return_error",
                ])
            #expect(result.status == 0, "s_client failed:\n\(result.stderr)")
            #expect(result.stdout.contains("ALPN protocol: certd/1"))
            #expect(result.stdout.contains("Verify return code: 0 (ok)"))
        }
    }
}
