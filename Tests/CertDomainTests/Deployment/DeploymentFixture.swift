import CertCrypto
import CertTestSupport
import Foundation

@testable import CertDomain

/// A ``DomainFixture`` plus a deployment board sharing its store, clock and a sealer.
struct DeploymentFixture {
    let domain: DomainFixture
    let sealer: Sealer
    let inventory: CertificateInventory
    let executor = RecordingExecutor()
    let board: DeploymentBoard

    init(
        probe: Result<String, EndpointProbeFailure> = .failure(EndpointProbeFailure(reason: "refused")),
        policy: DeploymentPolicy = DeploymentPolicy(
            maximumAttempts: 3, baseDelay: 10, maximumDelay: 15, verificationDelay: 0.001,
            verificationMaximumDelay: 0.001)
    ) async throws {
        try await self.init(probe: FixedProbe(answer: probe), policy: policy)
    }

    /// A fixture whose board reads endpoints through `probe`.
    init(probe: any EndpointProbe, policy: DeploymentPolicy) async throws {
        self.domain = try await DomainFixture()
        self.sealer = Sealer(masterKey: try MasterKey.generate())
        self.inventory = CertificateInventory(store: self.domain.store, clock: self.domain.clock, sealer: self.sealer)
        self.board = DeploymentBoard(
            store: self.domain.store, clock: self.domain.clock, sealer: self.sealer, executor: self.executor,
            probe: probe, policy: policy)
    }

    var alice: Caller { self.domain.alice }
    var bob: Caller { self.domain.bob }

    /// Uploads a fresh leaf with key for `caller`.
    func upload(_ caller: Caller, name: String) async throws -> (entry: CertificateEntry, leaf: IssuedTestPKIProxy) {
        let leaf = try self.domain.pki.leaf(commonName: "\(name).example.com", days: 200, extraNames: [])
        let result = try await self.inventory.uploadCertificate(
            caller,
            CertificateUpload(
                name: name, certificate: leaf.certificatePEM, chain: self.domain.pki.chainPEM,
                privateKey: leaf.keyPEM))
        return (result.entry, IssuedTestPKIProxy(certificatePEM: leaf.certificatePEM, keyPEM: leaf.keyPEM))
    }

    /// A file target named `name` for `caller`.
    func fileTarget(_ caller: Caller, name: String = "web", endpoint: VerificationEndpoint? = nil) async throws
        -> DeploymentTarget
    {
        try await self.board.createTarget(
            caller,
            NewDeploymentTarget(name: name, kind: .file, settings: ["directory": name], verifyEndpoint: endpoint))
    }
}

/// The PEM of an issued leaf and its key.
struct IssuedTestPKIProxy {
    var certificatePEM: [UInt8]
    var keyPEM: [UInt8]
}
