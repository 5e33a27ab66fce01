import CertDomain
import Foundation
import Testing

@Suite("AccountDirectory")
struct AccountDirectoryTests {
    let identity = VerifiedIdentity(name: "Example Ltd", kind: .legalEntity, isVerified: true)

    @Test("the initial admin is created once, on an empty store only")
    func initialAdmin() async throws {
        let f = try await DomainFixture()
        let admin = try f.accounts.account(f.admin, id: f.admin.accountID)
        #expect(admin.role == .admin)
        await #expect(throws: DomainError.accountAlreadyExists(id: AccountID(rawValue: "admin"))) {
            try await f.accounts.createInitialAdmin(
                NewAccount(id: "second", displayName: "Second", verifiedIdentity: self.identity, site: .china))
        }
    }

    @Test("admins create accounts; users may not")
    func createAccount() async throws {
        let f = try await DomainFixture()
        let carol = try await f.accounts.createAccount(
            f.admin, NewAccount(id: "carol", displayName: "Carol", verifiedIdentity: self.identity, site: .china))
        #expect(carol.createdAt == f.clock.now() && carol.role == .user)
        await #expect(throws: DomainError.permissionDenied) {
            try await f.accounts.createAccount(
                f.alice, NewAccount(id: "dave", displayName: "Dave", verifiedIdentity: self.identity, site: .china))
        }
        #expect(throws: DomainError.accountNotFound(id: AccountID(rawValue: "dave"))) {
            try f.accounts.account(f.admin, id: AccountID(rawValue: "dave"))
        }
        await #expect(throws: DomainError.accountAlreadyExists(id: AccountID(rawValue: "carol"))) {
            try await f.accounts.createAccount(
                f.admin, NewAccount(id: "carol", displayName: "Carol 2", verifiedIdentity: self.identity, site: .china))
        }
        await #expect(
            throws: DomainError.invalidArgument(field: "id", detail: "1-64 characters from A-Z a-z 0-9 . _ -")
        ) {
            try await f.accounts.createAccount(
                f.admin, NewAccount(id: "bad id/", displayName: "X", verifiedIdentity: self.identity, site: .china))
        }
    }

    @Test("a client certificate authenticates as its account; an unknown one does not")
    func authenticate() async throws {
        let f = try await DomainFixture()
        let caller = try f.accounts.authenticate(clientFingerprint: String(repeating: "B", count: 64), requestID: "r1")
        #expect(caller == Caller(accountID: AccountID(rawValue: "alice"), role: .user, requestID: "r1"))
        #expect(throws: DomainError.unauthenticated) {
            try f.accounts.authenticate(clientFingerprint: String(repeating: "d", count: 64), requestID: "r2")
        }
        #expect(throws: DomainError.unauthenticated) {
            try f.accounts.authenticate(clientFingerprint: "zz", requestID: "r3")
        }
        // The normalized form (what the TLS layer passes) and the colon-separated form name the same account.
        let lower = try f.accounts.authenticate(clientFingerprint: String(repeating: "b", count: 64), requestID: "r4")
        #expect(lower.accountID == AccountID(rawValue: "alice"))
        let colons = Array(repeating: "BB", count: 32).joined(separator: ":")
        #expect(try f.accounts.authenticate(clientFingerprint: colons, requestID: "r5").accountID == lower.accountID)
        #expect(throws: DomainError.unauthenticated) {
            try f.accounts.authenticate(clientFingerprint: String(repeating: "g", count: 64), requestID: "r6")
        }
    }

    @Test("a user sees only its own account, and another account reads as not found")
    func visibility() async throws {
        let f = try await DomainFixture()
        #expect(try f.accounts.account(f.alice, id: f.alice.accountID).displayName == "Alice")
        #expect(throws: DomainError.accountNotFound(id: f.bob.accountID)) {
            try f.accounts.account(f.alice, id: f.bob.accountID)
        }
        #expect(try f.accounts.account(f.admin, id: f.bob.accountID).site == .china)
        #expect(try f.accounts.listAccounts(f.alice).map(\.id) == [f.alice.accountID])
        #expect(try f.accounts.listAccounts(f.admin).map(\.id.rawValue) == ["admin", "alice", "bob"])
        #expect(
            try f.accounts.listAccounts(f.admin, after: AccountID(rawValue: "admin"), limit: 1).map(\.id.rawValue) == [
                "alice"
            ])
    }

    @Test("admins update accounts; a user cannot update itself or see others")
    func update() async throws {
        let f = try await DomainFixture()
        let updated = try await f.accounts.updateAccount(
            f.admin, id: f.bob.accountID, AccountUpdate(displayName: "Robert", site: .international))
        #expect(updated.displayName == "Robert" && updated.site == .international)
        #expect(try f.accounts.account(f.admin, id: f.bob.accountID) == updated)
        await #expect(throws: DomainError.permissionDenied) {
            try await f.accounts.updateAccount(f.alice, id: f.alice.accountID, AccountUpdate(role: .admin))
        }
        await #expect(throws: DomainError.accountNotFound(id: f.bob.accountID)) {
            try await f.accounts.updateAccount(f.alice, id: f.bob.accountID, AccountUpdate(displayName: "x"))
        }
        #expect(try f.accounts.account(f.alice, id: f.alice.accountID).role == .user)
    }

    @Test("a fingerprint binds to one account only")
    func bindFingerprint() async throws {
        let f = try await DomainFixture()
        let fingerprint = String(repeating: "e", count: 64)
        let bound = try await f.accounts.bindClientCertificate(
            f.admin, accountID: f.bob.accountID, fingerprint: fingerprint.uppercased())
        #expect(bound.clientCertificateFingerprints.contains(fingerprint))
        #expect(
            try f.accounts.authenticate(clientFingerprint: fingerprint, requestID: "r").accountID == f.bob.accountID)
        await #expect(throws: DomainError.clientCertificateAlreadyBound(fingerprint: fingerprint)) {
            try await f.accounts.bindClientCertificate(f.admin, accountID: f.alice.accountID, fingerprint: fingerprint)
        }
        await #expect(throws: DomainError.permissionDenied) {
            try await f.accounts.bindClientCertificate(
                f.alice, accountID: f.alice.accountID, fingerprint: String(repeating: "f", count: 64))
        }
    }

    @Test("an admin demoted after authenticating can no longer act as admin")
    func demotedAdmin() async throws {
        let f = try await DomainFixture()
        let second = try await f.accounts.createAccount(
            f.admin,
            NewAccount(
                id: "admin2", displayName: "Admin 2", verifiedIdentity: self.identity, site: .china, role: .admin))
        let staleCaller = Caller(accountID: second.id, role: .admin, requestID: "stale")
        _ = try await f.accounts.updateAccount(f.admin, id: second.id, AccountUpdate(role: .user))
        await #expect(throws: DomainError.permissionDenied) {
            try await f.accounts.createAccount(
                staleCaller, NewAccount(id: "eve", displayName: "Eve", verifiedIdentity: self.identity, site: .china))
        }
    }
}
