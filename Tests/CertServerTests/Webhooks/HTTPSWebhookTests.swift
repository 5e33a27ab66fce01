import CertCrypto
import CertDomain
import CertServer
import CertTestSupport
import Foundation
import Testing

/// HTTPS for both webhook senders against a real Python HTTPS receiver on loopback whose
/// certificate comes from a test CA made here: trusted through `--webhook-ca`, refused when only
/// the system bundle is trusted, refused for a host the certificate does not name; and the rule
/// that a key-receiving webhook target needs https unless it is on loopback.
@Suite("HTTPS webhooks: notices and deployments over certd's OpenSSL TLS")
struct HTTPSWebhookTests {
    let pki: IssuedTestPKI
    /// The receiver's certificate: DNS name `localhost` only (no IP address).
    let serverLeaf: IssuedTestPKI.Leaf

    init() throws {
        self.pki = try IssuedTestPKI(now: Date(), name: "Webhook TLS")
        self.serverLeaf = try self.pki.leaf(commonName: "localhost")
    }

    /// Runs `body` with a started receiver and the path of a file holding the test root CA.
    func withReceiver(_ body: (HTTPSWebhookReceiver, String) async throws -> Void) async throws {
        try await withTemporaryDirectory(prefix: "https-webhook") { directory in
            let caPath = directory + "/webhook-ca.pem"
            try self.pki.root.certificate.pem.write(toFile: caPath, atomically: true, encoding: .utf8)
            let receiver = try await HTTPSWebhookReceiver.start(
                in: directory + "/receiver", leaf: self.serverLeaf,
                intermediatePEM: self.pki.intermediate.certificate.pem)
            defer { receiver.stop() }
            try await body(receiver, caPath)
        }
    }

    static func notice(url: String) -> ExpiryNotice {
        ExpiryNotice(
            accountID: AccountID(rawValue: "alice"), certificateID: CertificateID(rawValue: "cert-00000000000000ab"),
            name: "site", commonName: "www.example.com", fingerprintSHA256: String(repeating: "a", count: 64),
            notAfter: Date().addingTimeInterval(10 * 86_400), daysLeft: 10, leadTimeDays: 30, status: .valid,
            channel: .webhook, destinations: [url], dueAt: Date())
    }

    /// The text of the delivery error `deliver` throws (what the scheduler records in the audit log).
    static func deliveryFailure(_ delivery: NetworkNoticeDelivery, _ notice: ExpiryNotice) async -> String? {
        do {
            try await delivery.deliver(notice)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("an expiry notice reaches an https receiver whose private CA is given as --webhook-ca")
    func noticeOverHTTPS() async throws {
        try await self.withReceiver { receiver, caPath in
            let delivery = NetworkNoticeDelivery(smtpRelay: nil, webhookTrust: WebhookTrust(caFile: caPath))
            try await delivery.deliver(Self.notice(url: "https://localhost:\(receiver.port)/hooks/expiry?team=web"))
            let posts = receiver.posts
            #expect(posts.count == 1)
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data((posts.first ?? "").utf8)) as? [String: Any])
            #expect(json["certificateId"] as? String == "cert-00000000000000ab")
            #expect(json["event"] as? String == "certificateExpiring")
        }
    }

    @Test("a receiver from an untrusted CA: the notice fails naming the host and --webhook-ca; nothing is posted")
    func untrustedCA() async throws {
        try await self.withReceiver { receiver, _ in
            let delivery = NetworkNoticeDelivery(smtpRelay: nil, webhookTrust: WebhookTrust())
            let failure = try #require(
                await Self.deliveryFailure(delivery, Self.notice(url: "https://localhost:\(receiver.port)/hook")))
            #expect(failure.contains("TLS to localhost: certificate not trusted"))
            #expect(failure.contains("verify: unable to get local issuer certificate"))
            #expect(failure.contains("--webhook-ca FILE"))
            #expect(receiver.posts.isEmpty)
        }
    }

    @Test("a URL host the certificate does not name (127.0.0.1 for a localhost certificate) is refused")
    func wrongHostName() async throws {
        try await self.withReceiver { receiver, caPath in
            let delivery = NetworkNoticeDelivery(smtpRelay: nil, webhookTrust: WebhookTrust(caFile: caPath))
            let failure = try #require(
                await Self.deliveryFailure(delivery, Self.notice(url: "https://127.0.0.1:\(receiver.port)/hook")))
            #expect(failure.contains("TLS to 127.0.0.1: certificate does not name 127.0.0.1"))
            #expect(failure.contains("(verify: IP address mismatch)"))
            #expect(receiver.posts.isEmpty)
        }
    }

    @Test("no trusted CA at all (no system bundle, no --webhook-ca): https fails saying what to install or pass")
    func noTrust() async throws {
        try await self.withReceiver { receiver, _ in
            let trust = WebhookTrust(caFile: nil, systemBundle: "/nonexistent/ca-certificates.crt")
            let delivery = NetworkNoticeDelivery(smtpRelay: nil, webhookTrust: trust)
            let failure = try #require(
                await Self.deliveryFailure(delivery, Self.notice(url: "https://localhost:\(receiver.port)/hook")))
            #expect(failure.contains("ca-certificates"))
            #expect(failure.contains("--webhook-ca"))
        }
    }

    /// A board over an in-memory store, one admin account and one uploaded certificate with its key.
    struct DeploymentFixture {
        let board: DeploymentBoard
        let caller: Caller
        let certificateID: CertificateID
        let keyPEM: String

        init(pki: IssuedTestPKI, trust: WebhookTrust) async throws {
            let store = InMemoryInventoryStore()
            let clock = ManualWallClock(start: Date())
            let sealer = Sealer(masterKey: try MasterKey.generate())
            self.board = DeploymentBoard(
                store: store, clock: clock, sealer: sealer,
                executor: DeploymentExecutors(settings: DeploymentSettings(), webhookTrust: trust),
                probe: OpenSSLEndpointProbe())
            let account = try await AccountDirectory(store: store, clock: clock).createInitialAdmin(
                NewAccount(
                    id: "ops", displayName: "Ops",
                    verifiedIdentity: VerifiedIdentity(name: "Ops", kind: .legalEntity, isVerified: true),
                    site: .international, clientCertificateFingerprints: [String(repeating: "f", count: 64)]))
            self.caller = Caller(accountID: account.id, role: .admin, requestID: "https-webhook")
            let leaf = try pki.leaf(commonName: "deployed.example.com")
            self.keyPEM = try leaf.key.pkcs8PEM()
            self.certificateID = try await CertificateInventory(store: store, clock: clock, sealer: sealer)
                .uploadCertificate(
                    self.caller,
                    CertificateUpload(name: "site", certificate: leaf.certificatePEM, privateKey: leaf.keyPEM)
                ).entry.id
        }

        /// Creates a key-receiving webhook target for `url`, deploys to it and runs the job once.
        func deploy(to url: String) async throws -> DeploymentTargetRun {
            let target = try await self.board.createTarget(
                self.caller,
                NewDeploymentTarget(name: "hook", kind: .webhook, settings: ["url": url], allowKey: true))
            let job = try await self.board.deploy(
                self.caller, certificateID: self.certificateID, targetIDs: [target.id])
            _ = try await self.board.runDueWork()
            return try #require(try self.board.job(self.caller, id: job.id).runs.first)
        }
    }

    @Test("a deployment to an https webhook target is delivered, key included, and recorded succeeded")
    func deploymentOverHTTPS() async throws {
        try await self.withReceiver { receiver, caPath in
            let fixture = try await DeploymentFixture(pki: self.pki, trust: WebhookTrust(caFile: caPath))
            let run = try await fixture.deploy(to: "https://localhost:\(receiver.port)/deploy")
            #expect(run.state == .succeeded)
            #expect(run.lastError.isEmpty)
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data((receiver.posts.first ?? "").utf8)) as? [String: Any])
            #expect(json["privateKeyPEM"] as? String == fixture.keyPEM)
            #expect(json["certificateID"] as? String == fixture.certificateID.rawValue)
        }
    }

    @Test("a deployment to an https receiver from an untrusted CA fails at once with the specific error, no key leaked")
    func deploymentUntrusted() async throws {
        try await self.withReceiver { receiver, _ in
            let fixture = try await DeploymentFixture(pki: self.pki, trust: WebhookTrust())
            let run = try await fixture.deploy(to: "https://localhost:\(receiver.port)/deploy")
            #expect(run.state == .failed, "a refused certificate is not retried")
            #expect(run.lastError.contains("POST to localhost:\(receiver.port) refused"))
            #expect(run.lastError.contains("certificate not trusted"))
            #expect(run.lastError.contains("--webhook-ca"))
            #expect(!run.lastError.contains("PRIVATE KEY"))
            #expect(receiver.posts.isEmpty)
        }
    }

    @Test("a key-receiving webhook target needs https:// unless its host is loopback")
    func keyNeedsHTTPS() async throws {
        let fixture = try await DeploymentFixture(pki: self.pki, trust: WebhookTrust())
        await #expect {
            try await fixture.board.createTarget(
                fixture.caller,
                NewDeploymentTarget(
                    name: "remote", kind: .webhook, settings: ["url": "http://192.0.2.10/hook"], allowKey: true))
        } throws: { error in
            guard case DomainError.invalidArgument(let field, let detail) = error else { return false }
            return field == "settings.url" && detail.contains("must be https://") && detail.contains("allowKey")
        }
        for (name, url, allowKey) in [
            ("loopback", "http://127.0.0.1:9/hook", true), ("v6", "http://[::1]:9/hook", true),
            ("named", "http://localhost:9/hook", true), ("tls", "https://192.0.2.10/hook", true),
            ("no-key", "http://192.0.2.10/hook", false),
        ] {
            let target = try await fixture.board.createTarget(
                fixture.caller,
                NewDeploymentTarget(name: name, kind: .webhook, settings: ["url": url], allowKey: allowKey))
            #expect(target.allowKey == allowKey)
        }
        // A target stored before the rule (or a product routed to a plain remote webhook) is refused
        // when the key would be sent, before any connection is made.
        let legacy = DeploymentTarget(
            id: .generate(), ownerAccountID: "ops", name: "old", kind: .webhook, resourceID: "", region: "",
            settings: ["url": "http://192.0.2.10/hook"], allowKey: true, createdAt: Date())
        let material = DeploymentMaterial(
            certificateID: "cert-00000000000000aa", certificateName: "site", fingerprintSHA256: "",
            certificatePEM: "", chainPEM: "", privateKeyPEM: fixture.keyPEM)
        do throws(DeploymentFailure) {
            try await DeploymentExecutors(settings: DeploymentSettings()).deploy(material, to: legacy)
            Issue.record("a key must not go to a plain remote webhook")
        } catch {
            #expect(error == .rejected(error.message))
            #expect(error.message.contains("must use https://"))
            #expect(error.message.contains("192.0.2.10"))
        }
    }

    @Test("webhook-ca: flag, environment or config file; an unreadable file stops the server naming the setting")
    func configuration() throws {
        try withTemporaryDirectory(prefix: "webhook-ca-config") { directory in
            let caPath = directory + "/ca.pem"
            try self.pki.root.certificate.pem.write(toFile: caPath, atomically: true, encoding: .utf8)
            let environment = ["CERTD_DATA": directory]
            let byFlag = try ServerConfiguration.resolve(
                flags: ServerConfiguration.Layer(webhookCAFile: caPath), environment: environment, configFile: nil)
            #expect(byFlag.webhookCAFile == caPath)
            let byEnvironment = try ServerConfiguration.resolve(
                flags: ServerConfiguration.Layer(),
                environment: environment.merging(["CERTD_WEBHOOK_CA": caPath]) {
                    $1
                }, configFile: nil)
            #expect(byEnvironment.webhookCAFile == caPath)
            try "webhook-ca = \(caPath)\n".write(toFile: directory + "/certd.conf", atomically: true, encoding: .utf8)
            let byFile = try ServerConfiguration.resolve(
                flags: ServerConfiguration.Layer(), environment: environment, configFile: nil)
            #expect(byFile.webhookCAFile == caPath)
            #expect(throws: ConfigurationError.self) {
                try ServerConfiguration.resolve(
                    flags: ServerConfiguration.Layer(webhookCAFile: directory + "/missing.pem"),
                    environment: environment, configFile: nil)
            }
        }
    }
}
