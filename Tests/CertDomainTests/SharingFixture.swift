import CertCrypto
import CertDomain
import Foundation

/// ``DomainFixture`` plus the official issuer, sharing, and accounts for each sharing rule:
/// `carol` shares alice's identity and site; `bob` (china), `dave` (another entity), `erin` (a
/// person of the same name) and `frank` (unverified) each break one rule.
struct SharingFixture {
    let domain: DomainFixture
    let sealer: Sealer
    let issuer: OfficialIssuer
    let official: OfficialCertificates
    let sharing: CertificateSharing
    let renewal: CertificateRenewal
    /// An inventory over the same store whose sealer opens the official keys.
    let inventory: CertificateInventory
    let carol: Caller
    let dave: Caller
    let erin: Caller
    let frank: Caller

    var alice: Caller { self.domain.alice }
    var bob: Caller { self.domain.bob }

    init() async throws {
        self.domain = try await DomainFixture()
        self.sealer = Sealer(masterKey: try MasterKey.generate())
        self.issuer = try await OfficialIssuer.loadOrCreateDefault(
            store: self.domain.store, clock: self.domain.clock, sealer: self.sealer
        ).issuer
        let sm2Issuer = try await OfficialIssuer.loadOrCreateDefault(
            store: self.domain.store, clock: self.domain.clock, sealer: self.sealer, sm2: true
        ).issuer
        self.official = OfficialCertificates(
            store: self.domain.store, clock: self.domain.clock, sealer: self.sealer, issuer: self.issuer,
            sm2Issuer: sm2Issuer)
        self.sharing = CertificateSharing(store: self.domain.store, clock: self.domain.clock)
        self.inventory = CertificateInventory(store: self.domain.store, clock: self.domain.clock, sealer: self.sealer)
        self.renewal = CertificateRenewal(inventory: self.inventory, official: self.official)
        let accounts: [(String, VerifiedIdentity, Account.Site)] = [
            ("carol", VerifiedIdentity(name: "Example Ltd", kind: .legalEntity, isVerified: true), .international),
            ("dave", VerifiedIdentity(name: "Other Ltd", kind: .legalEntity, isVerified: true), .international),
            ("erin", VerifiedIdentity(name: "Example Ltd", kind: .person, isVerified: true), .international),
            ("frank", VerifiedIdentity(name: "Example Ltd", kind: .legalEntity, isVerified: false), .international),
        ]
        var callers: [Caller] = []
        for (index, (id, identity, site)) in accounts.enumerated() {
            let fingerprint = String(repeating: String(index + 1), count: 64)
            _ = try await self.domain.accounts.createAccount(
                self.domain.admin,
                NewAccount(
                    id: id, displayName: id, verifiedIdentity: identity, site: site,
                    clientCertificateFingerprints: [fingerprint]))
            callers.append(
                try self.domain.accounts.authenticate(clientFingerprint: fingerprint, requestID: "req-\(id)"))
        }
        self.carol = callers[0]
        self.dave = callers[1]
        self.erin = callers[2]
        self.frank = callers[3]
    }

    /// Orders an official P-256 certificate for `domains` as `caller`.
    func order(_ caller: Caller, _ domains: [String] = ["shop.example.com"], algorithm: KeyAlgorithm = .p256)
        async throws -> CertificateEntry
    {
        try await self.official.order(caller, OfficialOrder(domains: domains, algorithm: algorithm, validityDays: 90))
    }

    /// The audit events about `target`, oldest first.
    func events(about target: String) throws -> [AuditEvent] {
        var query = AuditQuery()
        query.target = target
        return try self.domain.audit.list(self.domain.admin, query).reversed()
    }
}
