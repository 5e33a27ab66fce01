import CertCrypto
import CertDomain
import CertServer
import CertTestSupport
import Foundation
import Logging
import Testing

@Suite("DeploymentRunnerService: runs jobs as they are created")
struct DeploymentRunnerServiceTests {
    @Test("a job created while the runner sleeps is executed without waiting for the next poll")
    func runsNewJobs() async throws {
        try await withTemporaryDirectory(prefix: "deploy-runner") { root in
            let store = InMemoryInventoryStore()
            let clock = ManualWallClock(start: Date())
            let sealer = Sealer(masterKey: try MasterKey.generate())
            let pki = try IssuedTestPKI(now: clock.now(), name: "Runner Test")
            let inventory = CertificateInventory(store: store, clock: clock, sealer: sealer)
            let board = DeploymentBoard(
                store: store, clock: clock, sealer: sealer,
                executor: DeploymentExecutors(settings: DeploymentSettings(fileRoot: root)),
                probe: OpenSSLEndpointProbe())
            let accounts = AccountDirectory(store: store, clock: clock)
            let account = try await accounts.createInitialAdmin(
                NewAccount(
                    id: "ops", displayName: "Ops",
                    verifiedIdentity: VerifiedIdentity(name: "Ops", kind: .legalEntity, isVerified: true),
                    site: .international, clientCertificateFingerprints: [String(repeating: "f", count: 64)]))
            let caller = Caller(accountID: account.id, role: .admin, requestID: "runner")
            let leaf = try pki.leaf(commonName: "runner.example.com")
            let entry = try await inventory.uploadCertificate(
                caller, CertificateUpload(name: "site", certificate: leaf.certificatePEM, privateKey: leaf.keyPEM)
            ).entry
            let target = try await board.createTarget(
                caller, NewDeploymentTarget(name: "site", kind: .file, settings: ["directory": "site"]))

            let runner = Task { try await DeploymentRunnerService(board: board, logger: Logger(label: "test")).run() }
            defer { runner.cancel() }
            // The runner's first pass finds nothing and sleeps (up to 30 s); the new job wakes it.
            try await Task.sleep(for: .milliseconds(100))
            let job = try await board.deploy(caller, certificateID: entry.id, targetIDs: [target.id])
            var state = DeploymentState.pending
            for _ in 0..<200 where !state.isFinal {
                try await Task.sleep(for: .milliseconds(50))
                state = try board.job(caller, id: job.id).state
            }
            #expect(state == .succeeded)
            #expect(try String(contentsOfFile: root + "/site/cert.pem", encoding: .utf8) == leaf.certificate.pem)
        }
    }
}
