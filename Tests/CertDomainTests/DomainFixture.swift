import CertCrypto
import CertDomain
import CertTestSupport
import Foundation

/// A domain wired to the in-memory store and a manual clock, with an admin and two users.
struct DomainFixture {
    let store = InMemoryInventoryStore()
    let clock = ManualWallClock(start: Date(timeIntervalSince1970: 1_800_000_000))
    let accounts: AccountDirectory
    let inventory: CertificateInventory
    let audit: AuditLog
    let pki: IssuedTestPKI
    let admin: Caller
    let alice: Caller
    let bob: Caller

    init() async throws {
        self.accounts = AccountDirectory(store: self.store, clock: self.clock)
        self.inventory = CertificateInventory(
            store: self.store, clock: self.clock, sealer: Sealer(masterKey: try MasterKey.generate()))
        self.audit = AuditLog(store: self.store)
        self.pki = try IssuedTestPKI(now: self.clock.now())
        let identity = VerifiedIdentity(name: "Example Ltd", kind: .legalEntity, isVerified: true)
        let root = try await self.accounts.createInitialAdmin(
            NewAccount(
                id: "admin", displayName: "Admin", verifiedIdentity: identity, site: .international,
                clientCertificateFingerprints: [String(repeating: "a", count: 64)]))
        self.admin = Caller(accountID: root.id, role: .admin, requestID: "req-admin")
        _ = try await self.accounts.createAccount(
            self.admin,
            NewAccount(
                id: "alice", displayName: "Alice", verifiedIdentity: identity, site: .international,
                clientCertificateFingerprints: [String(repeating: "b", count: 64)]))
        _ = try await self.accounts.createAccount(
            self.admin,
            NewAccount(
                id: "bob", displayName: "Bob", verifiedIdentity: identity, site: .china,
                clientCertificateFingerprints: [String(repeating: "c", count: 64)]))
        self.alice = try self.accounts.authenticate(
            clientFingerprint: String(repeating: "b", count: 64), requestID: "req-alice")
        self.bob = try self.accounts.authenticate(
            clientFingerprint: String(repeating: "c", count: 64), requestID: "req-bob")
    }

    /// Uploads a fresh EC leaf valid for `days` as `owner`.
    @discardableResult
    func upload(
        _ caller: Caller, name: String, days: Int = 365, commonName: String = "www.example.com",
        tags: [String: String] = [:], resourceGroup: String = ""
    ) async throws -> UploadResult {
        let leaf = try self.pki.leaf(commonName: commonName, days: days, extraNames: ["alt.\(commonName)"])
        return try await self.inventory.uploadCertificate(
            caller,
            CertificateUpload(
                name: name, certificate: leaf.certificatePEM, chain: self.pki.chainPEM, privateKey: leaf.keyPEM,
                resourceGroup: resourceGroup, tags: tags))
    }
}
