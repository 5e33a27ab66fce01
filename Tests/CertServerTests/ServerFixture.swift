import CertAPI
import CertCrypto
import CertDomain
import CertServer
import CertTestSupport
import CertWire
import Foundation
import Logging
import Testing

/// certd's services over the in-memory store and a manual clock, called through the generated
/// dispatchers with encoded bytes (so the wire mapping is exercised), with an admin and two users
/// whose client-certificate fingerprints are known.
struct ServerFixture {
    static let adminFingerprint = String(repeating: "a", count: 64)
    static let aliceFingerprint = String(repeating: "b", count: 64)
    static let bobFingerprint = String(repeating: "c", count: 64)
    static let strangerFingerprint = String(repeating: "d", count: 64)

    let store = InMemoryInventoryStore()
    let clock = ManualWallClock(start: Date(timeIntervalSince1970: 1_800_000_000))
    let accounts: AccountDirectory
    let inventory: CertificateInventory
    let health: HealthHandler
    let notifications: ExpiryNotifications
    let services: [any RPCService]
    let pki: IssuedTestPKI

    /// - Parameter credentialIssuer: the issuer for IssueCredentials (default: one on the test CA).
    init(credentialIssuer: (any CredentialIssuer)? = nil) async throws {
        self.accounts = AccountDirectory(store: self.store, clock: self.clock)
        self.inventory = CertificateInventory(
            store: self.store, clock: self.clock, sealer: Sealer(masterKey: try MasterKey.generate()))
        self.pki = try IssuedTestPKI(now: self.clock.now(), name: "Server Test")
        self.health = HealthHandler(version: "9.9.9-test")
        let clock = self.clock
        self.notifications = ExpiryNotifications(store: self.store, clock: self.clock)
        self.services = CertdServices.make(
            accounts: self.accounts,
            inventory: self.inventory,
            auditLog: AuditLog(store: self.store),
            credentialIssuer: credentialIssuer
                ?? CertificateAuthorityCredentialIssuer(authority: self.pki.root, now: { clock.now() }),
            health: self.health,
            logger: Logger(label: "certd.test"),
            monitor: InventoryMonitor(store: self.store, clock: self.clock),
            notifications: self.notifications
        )
        let identity = VerifiedIdentity(name: "Example Ltd", kind: .legalEntity, isVerified: true)
        let admin = try await self.accounts.createInitialAdmin(
            NewAccount(
                id: "admin", displayName: "Admin", verifiedIdentity: identity, site: .international,
                clientCertificateFingerprints: [Self.adminFingerprint]))
        let caller = Caller(accountID: admin.id, role: .admin, requestID: "setup")
        for (id, fingerprint) in [("alice", Self.aliceFingerprint), ("bob", Self.bobFingerprint)] {
            _ = try await self.accounts.createAccount(
                caller,
                NewAccount(
                    id: id, displayName: id.capitalized, verifiedIdentity: identity, site: .international,
                    clientCertificateFingerprints: [fingerprint]))
        }
    }

    /// A call context whose peer presented a client certificate with `fingerprint` (nil: no peer).
    static func context(_ fingerprint: String?) -> CallContext {
        CallContext(
            requestID: "req-\(UInt32.random(in: 0...UInt32.max))",
            peer: fingerprint.map { PeerIdentity(subject: "CN=test", commonName: "test", fingerprintSHA256: $0) }
        )
    }

    /// Encodes `request`, dispatches it to the service owning `method`, decodes the response.
    func call<Response: WireMessage>(
        _ method: RPCMethod, _ request: some WireMessage, as fingerprint: String? = Self.aliceFingerprint,
        returning: Response.Type = Response.self
    ) async throws -> Response {
        let service = try #require(self.services.first { $0.methods.contains(method) })
        let bytes = try await service.handle(
            methodID: method.id, request: request.serializedBytes(), context: Self.context(fingerprint))
        return try Response(serializedBytes: bytes)
    }

    /// Makes the call and returns the `RPCError` it failed with (records an issue if it succeeded
    /// or failed with another error type).
    func failure(
        _ method: RPCMethod, _ request: some WireMessage, as fingerprint: String? = Self.aliceFingerprint,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> RPCError? {
        do {
            let service = try #require(self.services.first { $0.methods.contains(method) })
            _ = try await service.handle(
                methodID: method.id, request: request.serializedBytes(), context: Self.context(fingerprint))
            Issue.record("\(method) succeeded; expected an error", sourceLocation: sourceLocation)
            return nil
        } catch let error as RPCError {
            return error
        } catch {
            Issue.record("\(method) threw \(error), not an RPCError", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// Uploads a fresh EC leaf with its chain and key as `fingerprint`'s account.
    func upload(
        name: String, as fingerprint: String = Self.aliceFingerprint, days: Int = 365, tags: [String: String] = [:]
    ) async throws -> UploadCertificateResponse {
        let leaf = try self.pki.leaf(commonName: "\(name).example.com", days: days)
        return try await self.call(
            CertificatesService.Method.uploadCertificate,
            UploadCertificateRequest(
                name: name, certificate: leaf.certificatePEM, chain: self.pki.chainPEM, privateKey: leaf.keyPEM,
                tags: tags),
            as: fingerprint)
    }
}
