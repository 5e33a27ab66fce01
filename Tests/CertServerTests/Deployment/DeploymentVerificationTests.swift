import CertCrypto
import CertDomain
import CertServer
import CertTLS
import CertTestSupport
import Foundation
import Testing

/// Verification against a real TLS server: `openssl s_server` on loopback, read by the OpenSSL probe.
@Suite("Deployment verification against openssl s_server")
struct DeploymentVerificationTests {
    /// A board on the in-memory store with certd's real executors and probe, and one account.
    struct Setup {
        let store = InMemoryInventoryStore()
        let clock = ManualWallClock(start: Date())
        let pki: IssuedTestPKI
        let inventory: CertificateInventory
        let board: DeploymentBoard
        let caller: Caller

        init(fileRoot: String) async throws {
            let sealer = Sealer(masterKey: try MasterKey.generate())
            self.pki = try IssuedTestPKI(now: self.clock.now(), name: "Verify Test")
            self.inventory = CertificateInventory(store: self.store, clock: self.clock, sealer: sealer)
            self.board = DeploymentBoard(
                store: self.store, clock: self.clock, sealer: sealer,
                executor: DeploymentExecutors(settings: DeploymentSettings(fileRoot: fileRoot)),
                probe: OpenSSLEndpointProbe(timeoutSeconds: 5),
                // Re-checks of a stale or absent endpoint wait 1 ms here, not certd's seconds.
                policy: DeploymentPolicy(verificationDelay: 0.001, verificationMaximumDelay: 0.001))
            let accounts = AccountDirectory(store: self.store, clock: self.clock)
            let admin = try await accounts.createInitialAdmin(
                NewAccount(
                    id: "ops", displayName: "Ops",
                    verifiedIdentity: VerifiedIdentity(name: "Ops", kind: .legalEntity, isVerified: true),
                    site: .international, clientCertificateFingerprints: [String(repeating: "e", count: 64)]))
            self.caller = Caller(accountID: admin.id, role: .admin, requestID: "verify")
        }

        /// Deploys `entry` to a new file target verified at `port` and returns what was recorded.
        func deployAndVerify(_ entry: CertificateEntry, port: Int, name: String) async throws
            -> DeploymentVerification
        {
            let target = try await self.board.createTarget(
                self.caller,
                NewDeploymentTarget(
                    name: name, kind: .file, settings: ["directory": name],
                    verifyEndpoint: VerificationEndpoint(host: "127.0.0.1", port: port, serverName: "localhost")))
            let job = try await self.board.deploy(self.caller, certificateID: entry.id, targetIDs: [target.id])
            _ = try await self.board.runDueWork()
            let done = try self.board.job(self.caller, id: job.id)
            #expect(done.state == .succeeded, "a verification result does not fail the deployment")
            return try #require(done.runs.first?.verification)
        }
    }

    @Test("verified when the endpoint serves the deployed leaf, servesOther with an old one, unreachable with none")
    func verification() async throws {
        try await withTemporaryDirectory(prefix: "deploy-verify") { directory in
            let setup = try await Setup(fileRoot: directory + "/root")
            let old = try setup.pki.leaf(commonName: "localhost")
            let new = try setup.pki.leaf(commonName: "localhost")
            for (name, leaf) in [("old", old), ("new", new)] {
                try leaf.certificate.pem.write(toFile: "\(directory)/\(name).pem", atomically: true, encoding: .utf8)
                try leaf.key.pkcs8PEM().write(toFile: "\(directory)/\(name)-key.pem", atomically: true, encoding: .utf8)
            }
            let entry = try await setup.inventory.uploadCertificate(
                setup.caller,
                CertificateUpload(
                    name: "site", certificate: new.certificatePEM, chain: setup.pki.chainPEM, privateKey: new.keyPEM)
            ).entry

            let serving = try await OpenSSLTestServer.start(
                certificatePath: directory + "/new.pem", keyPath: directory + "/new-key.pem")
            #expect(serving.leaf.fingerprintSHA256 == new.certificate.details.sha256Fingerprint)
            let verified = try await setup.deployAndVerify(entry, port: serving.server.port, name: "serves-new")
            #expect(verified.result == .verified)
            #expect(verified.attempts == 1)
            #expect(verified.foundFingerprintSHA256 == entry.details.fingerprintSHA256)
            serving.server.stop()

            let stale = try await OpenSSLTestServer.start(
                certificatePath: directory + "/old.pem", keyPath: directory + "/old-key.pem")
            let other = try await setup.deployAndVerify(entry, port: stale.server.port, name: "serves-old")
            #expect(other.result == .servesOther)
            #expect(other.attempts == DeploymentPolicy().verificationAttempts, "a stale endpoint is re-checked")
            #expect(other.foundFingerprintSHA256 == old.certificate.details.sha256Fingerprint)
            stale.server.stop()

            let unreachable = try await setup.deployAndVerify(
                entry, port: try OpenSSLTestServer.freePort(), name: "nobody")
            #expect(unreachable.result == .unreachable)
            #expect(unreachable.detail.contains("refused"))

            let status = try setup.board.deploymentStatus(setup.caller, certificateID: entry.id)
            #expect(
                status.deployments.compactMap(\.verification?.result).sorted { $0.rawValue < $1.rawValue }
                    == [.servesOther, .unreachable, .verified])
        }
    }
}
