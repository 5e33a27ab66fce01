import CertCrypto
import CertDomain
import Foundation

/// A domain wired to the in-memory store and a manual clock, with an admin and two users.
struct DomainFixture {
    let store = InMemoryInventoryStore()
    let clock = ManualWallClock(start: Date(timeIntervalSince1970: 1_800_000_000))
    let accounts: AccountDirectory
    let inventory: CertificateInventory
    let audit: AuditLog
    let pki: TestPKI
    let admin: Caller
    let alice: Caller
    let bob: Caller

    init() async throws {
        self.accounts = AccountDirectory(store: self.store, clock: self.clock)
        self.inventory = CertificateInventory(
            store: self.store, clock: self.clock, sealer: Sealer(masterKey: try MasterKey.generate()))
        self.audit = AuditLog(store: self.store)
        self.pki = try TestPKI(now: self.clock.now())
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
        let leaf = try self.pki.leaf(commonName: commonName, days: days)
        return try await self.inventory.uploadCertificate(
            caller,
            CertificateUpload(
                name: name, certificate: leaf.certificatePEM, chain: self.pki.chainPEM, privateKey: leaf.keyPEM,
                resourceGroup: resourceGroup, tags: tags))
    }
}

/// Test certificates made at test time with CertCrypto's issuance: an EC root and intermediate,
/// and an SM2 root for dual certificates.
struct TestPKI {
    struct Leaf {
        let certificate: Certificate
        let key: PrivateKey
        var certificatePEM: [UInt8] { Array(self.certificate.pem.utf8) }
        var keyPEM: [UInt8] { Array(try! self.key.pkcs8PEM().utf8) }
    }

    let now: Date
    let root: CertificateAuthority
    let intermediate: CertificateAuthority
    let sm2Root: CertificateAuthority

    init(now: Date) throws {
        self.now = now
        let validity = Validity(
            notBefore: now.addingTimeInterval(-86_400), notAfter: now.addingTimeInterval(3_650 * 86_400))
        self.root = try CertificateAuthority.makeRoot(
            subject: DistinguishedName(commonName: "Test Root"), key: try PrivateKey.generate(.p256), validity: validity
        )
        self.intermediate = try self.root.issueIntermediate(
            subject: DistinguishedName(commonName: "Test Intermediate"), key: try PrivateKey.generate(.p256),
            validity: validity)
        self.sm2Root = try CertificateAuthority.makeRoot(
            subject: DistinguishedName(commonName: "Test SM2 Root"), key: try PrivateKey.generate(.sm2),
            validity: validity)
    }

    /// Intermediate then root, PEM.
    var chainPEM: [UInt8] { Array((self.intermediate.certificate.pem + self.root.certificate.pem).utf8) }

    func leaf(commonName: String, days: Int, key: PrivateKey? = nil, algorithm: KeyAlgorithm = .p256) throws -> Leaf {
        let key = try key ?? PrivateKey.generate(algorithm)
        let certificate = try self.intermediate.issueLeaf(
            subject: DistinguishedName(commonName: commonName), publicKey: key.publicKey,
            subjectAlternativeNames: [.dns(commonName), .dns("alt.\(commonName)")],
            validity: Validity(
                notBefore: self.now.addingTimeInterval(-3_600),
                notAfter: self.now.addingTimeInterval(Double(days) * 86_400)))
        return Leaf(certificate: certificate, key: key)
    }

    func sm2Leaf(commonName: String, usage: [KeyUsage]) throws -> Leaf {
        let key = try PrivateKey.generate(.sm2)
        let certificate = try self.sm2Root.issueLeaf(
            subject: DistinguishedName(commonName: commonName), publicKey: key.publicKey,
            subjectAlternativeNames: [.dns(commonName)],
            validity: Validity(
                notBefore: self.now.addingTimeInterval(-3_600), notAfter: self.now.addingTimeInterval(365 * 86_400)),
            keyUsage: usage)
        return Leaf(certificate: certificate, key: key)
    }
}
