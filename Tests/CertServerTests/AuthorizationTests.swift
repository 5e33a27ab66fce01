import CertAPI
import CertServer
import CertWire
import Foundation
import Testing

@Suite struct AuthorizationTests {
    @Test func anotherAccountsCertificateIsNotFoundAndNotListed() async throws {
        let fixture = try await ServerFixture()
        let alices = try await fixture.upload(name: "alice-web").certificate.id
        let bob = ServerFixture.bobFingerprint
        let unknownID = "cert-0000000000000000"

        let calls: [(RPCMethod, any WireMessage, any WireMessage)] = [
            (
                CertificatesService.Method.getCertificate, GetCertificateRequest(id: alices),
                GetCertificateRequest(id: unknownID)
            ),
            (
                CertificatesService.Method.downloadCertificate, DownloadCertificateRequest(id: alices),
                DownloadCertificateRequest(id: unknownID)
            ),
            (
                CertificatesService.Method.updateCertificate, UpdateCertificateRequest(id: alices, name: "mine"),
                UpdateCertificateRequest(id: unknownID, name: "mine")
            ),
            (
                CertificatesService.Method.deleteCertificate, DeleteCertificateRequest(id: alices),
                DeleteCertificateRequest(id: unknownID)
            ),
        ]
        for (method, request, unknownRequest) in calls {
            let error = await fixture.failure(method, request, as: bob)
            let unknown = await fixture.failure(method, unknownRequest, as: bob)
            #expect(error?.status == .notFound, "\(method)")
            #expect(error?.reason == "notFound", "\(method)")
            // The answer for an existing entry of another account reads exactly like the one for
            // an id that does not exist.
            #expect(
                error?.message.replacingOccurrences(of: alices, with: "ID")
                    == unknown?.message.replacingOccurrences(of: unknownID, with: "ID"), "\(method)")
        }
        let bobsList: ListCertificatesResponse = try await fixture.call(
            CertificatesService.Method.listCertificates, ListCertificatesRequest(), as: bob)
        #expect(bobsList.certificates.isEmpty)
        let bobsSummary: CertificateSummary = try await fixture.call(
            CertificatesService.Method.summary, CertificateSummaryRequest(), as: bob)
        #expect(bobsSummary.total == 0)
        // Alice's entry survived Bob's attempts unchanged.
        let still: Certificate = try await fixture.call(
            CertificatesService.Method.getCertificate, GetCertificateRequest(id: alices))
        #expect(still.name == "alice-web")
    }

    @Test func unknownOrMissingClientCertificateIsUnauthenticated() async throws {
        let fixture = try await ServerFixture()
        for fingerprint in [ServerFixture.strangerFingerprint, nil, "not-hex"] {
            for (method, request) in [
                (CertificatesService.Method.listCertificates, ListCertificatesRequest())
                    as (RPCMethod, any WireMessage),
                (AccountsService.Method.whoAmI, WhoAmIRequest()),
                (ToolsService.Method.describe, DescribeRequest()),
                (AuditService.Method.listAudit, ListAuditRequest()),
                (CSRsService.Method.listCSRs, ListCSRsRequest()),
            ] {
                let error = await fixture.failure(method, request, as: fingerprint)
                #expect(error?.status == .unauthenticated, "\(method) \(fingerprint ?? "nil")")
                #expect(error?.reason == "unknownClientCertificate")
            }
        }
    }

    @Test func usersCallingAdminOperationsArePermissionDenied() async throws {
        let fixture = try await ServerFixture()
        let calls: [(RPCMethod, any WireMessage)] = [
            (
                AccountsService.Method.createAccount,
                CreateAccountRequest(
                    id: "mallory", displayName: "M", identity: VerifiedIdentity(name: "M", kind: .person),
                    site: .china)
            ),
            (AccountsService.Method.issueCredentials, IssueCredentialsRequest(accountID: "alice")),
            (AccountsService.Method.updateAccount, UpdateAccountRequest(id: "alice", role: .admin)),
            (AuditService.Method.verifyAudit, VerifyAuditRequest()),
        ]
        for (method, request) in calls {
            let error = await fixture.failure(method, request, as: ServerFixture.aliceFingerprint)
            #expect(error?.status == .permissionDenied, "\(method)")
            #expect(error?.reason == "permissionDenied", "\(method)")
        }
        // And a user asking for another account learns nothing about it.
        let other = await fixture.failure(AccountsService.Method.getAccount, GetAccountRequest(id: "bob"))
        #expect(other?.status == .notFound)
    }
}
