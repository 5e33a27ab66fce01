import CertAPI
import CertCrypto
import CertServer
import CertTestSupport
import CertWire
import Testing

/// A credential issuer that fails with an error the server does not know, whose text must never
/// reach the peer.
private struct BrokenIssuer: CredentialIssuer {
    struct SecretFailure: Error, CustomStringConvertible {
        var description: String { "disk /srv/ca/private.key unreadable: s3cr3t-detail" }
    }

    func issueClientCredentials(accountID: String, validityDays: Int) async throws -> ClientCredentials {
        throw SecretFailure()
    }
}

@Suite struct AccountsHandlerTests {
    @Test func adminCreatesListsAndUpdatesAccounts() async throws {
        let fixture = try await ServerFixture()
        let admin = ServerFixture.adminFingerprint
        let created: Account = try await fixture.call(
            AccountsService.Method.createAccount,
            CreateAccountRequest(
                id: "carol", displayName: "Carol", identity: VerifiedIdentity(name: "Carol Ltd", verified: true),
                site: .china),
            as: admin)
        #expect(created.id == "carol")
        #expect(created.role == .user)
        #expect(created.site == .china)
        #expect(created.identity.kind == .legalEntity)

        let again = await fixture.failure(
            AccountsService.Method.createAccount,
            CreateAccountRequest(id: "carol", displayName: "C", site: .china), as: admin)
        #expect(again?.status == .alreadyExists)

        let noSite = await fixture.failure(
            AccountsService.Method.createAccount, CreateAccountRequest(id: "dave", displayName: "D"), as: admin)
        #expect(noSite?.status == .invalidArgument)

        let page: ListAccountsResponse = try await fixture.call(
            AccountsService.Method.listAccounts, ListAccountsRequest(limit: 2), as: admin)
        #expect(page.accounts.map(\.id) == ["admin", "alice"])
        let rest: ListAccountsResponse = try await fixture.call(
            AccountsService.Method.listAccounts, ListAccountsRequest(limit: 2, pageToken: page.nextPageToken),
            as: admin)
        #expect(rest.accounts.map(\.id) == ["bob", "carol"])

        let updated: Account = try await fixture.call(
            AccountsService.Method.updateAccount, UpdateAccountRequest(id: "carol", displayName: "Carol C."),
            as: admin)
        #expect(updated.displayName == "Carol C.")
        #expect(updated.site == .china)
        #expect(updated.identity.name == "Carol Ltd")
        let person: Account = try await fixture.call(
            AccountsService.Method.updateAccount,
            UpdateAccountRequest(id: "carol", identity: VerifiedIdentity(name: "Carol Chen", kind: .person)),
            as: admin)
        #expect(person.identity.kind == .person)
        #expect(person.identity.verified == false)
        #expect(person.displayName == "Carol C.")

        let me: Account = try await fixture.call(AccountsService.Method.whoAmI, WhoAmIRequest())
        #expect(me.id == "alice")
        #expect(me.clientCertificateFingerprints == [ServerFixture.aliceFingerprint])
    }

    @Test func issuedCredentialsAuthenticateAsTheAccount() async throws {
        let fixture = try await ServerFixture()
        let credentials: Credentials = try await fixture.call(
            AccountsService.Method.issueCredentials, IssueCredentialsRequest(accountID: "bob", validityDays: 30),
            as: ServerFixture.adminFingerprint)
        let certificate = try CertCrypto.Certificate(pem: credentials.certificatePEM)
        #expect(certificate.sha256Fingerprint == credentials.fingerprintSHA256)
        #expect(certificate.issuer == fixture.pki.root.certificate.subject)
        #expect(certificate.details.extendedKeyUsage == [.clientAuth])
        let key = try PrivateKey(pem: credentials.privateKeyPEM)
        #expect(KeyMatcher.matches(certificate: certificate, key: key))
        #expect(try CertCrypto.Certificate(pem: credentials.caCertificatePEM) == fixture.pki.root.certificate)

        let me: Account = try await fixture.call(
            AccountsService.Method.whoAmI, WhoAmIRequest(), as: credentials.fingerprintSHA256)
        #expect(me.id == "bob")

        let unknown = await fixture.failure(
            AccountsService.Method.issueCredentials, IssueCredentialsRequest(accountID: "nobody"),
            as: ServerFixture.adminFingerprint)
        #expect(unknown?.status == .notFound)
    }

    @Test func unexpectedErrorsBecomeInternalWithoutTheirText() async throws {
        let fixture = try await ServerFixture(credentialIssuer: BrokenIssuer())
        let error = await fixture.failure(
            AccountsService.Method.issueCredentials, IssueCredentialsRequest(accountID: "bob"),
            as: ServerFixture.adminFingerprint)
        #expect(error?.status == .internal)
        #expect(error?.reason == "internal")
        #expect(error?.message.contains("s3cr3t") == false)
        #expect(error?.message.contains("/srv") == false)
    }
}
