import CertAPI
import CertCrypto
import CertDomain
import CertServer
import CertTestSupport
import CertWire
import Foundation
import Logging
import Testing

/// The Deployments service and ReplaceCertificate through the generated dispatchers (wire mapping).
@Suite("DeploymentsHandler: wire mapping of deployment calls")
struct DeploymentsHandlerTests {
    let fixture: ServerFixture
    let services: [any RPCService]

    init() async throws {
        self.fixture = try await ServerFixture()
        let sealer = Sealer(masterKey: try MasterKey.generate())
        let board = DeploymentBoard(
            store: self.fixture.store, clock: self.fixture.clock, sealer: sealer,
            executor: DeploymentExecutors(settings: DeploymentSettings()), probe: OpenSSLEndpointProbe())
        self.services = CertdServices.make(
            accounts: self.fixture.accounts,
            inventory: CertificateInventory(store: self.fixture.store, clock: self.fixture.clock, sealer: sealer),
            auditLog: AuditLog(store: self.fixture.store),
            credentialIssuer: CertificateAuthorityCredentialIssuer(authority: self.fixture.pki.root),
            health: self.fixture.health, logger: Logger(label: "certd.test"), deployments: board)
    }

    func call<Response: WireMessage>(
        _ method: RPCMethod, _ request: some WireMessage, as fingerprint: String = ServerFixture.aliceFingerprint
    ) async throws -> Response {
        let service = try #require(self.services.first { $0.methods.contains(method) })
        let bytes = try await service.handle(
            methodID: method.id, request: request.serializedBytes(), context: ServerFixture.context(fingerprint))
        return try Response(serializedBytes: bytes)
    }

    func failure(_ method: RPCMethod, _ request: some WireMessage) async -> RPCError? {
        do {
            let _: ListTargetsResponse = try await self.call(method, request)
            return nil
        } catch let error as RPCError {
            return error
        } catch {
            return nil
        }
    }

    @Test("create, list and delete a target; another account sees nothing")
    func targets() async throws {
        let created: CertAPI.DeploymentTarget = try await self.call(
            DeploymentsService.Method.createTarget,
            CreateTargetRequest(
                name: "lb", kind: .slb, resourceID: "lb-1", region: "eu-1",
                verifyEndpoint: VerifyEndpoint(host: "127.0.0.1", port: 8443)))
        #expect(created.kind == .slb && created.allowKey)
        let mine: ListTargetsResponse = try await self.call(DeploymentsService.Method.listTargets, ListTargetsRequest())
        #expect(mine.targets.map(\.id) == [created.id])
        let bobs: ListTargetsResponse = try await self.call(
            DeploymentsService.Method.listTargets, ListTargetsRequest(), as: ServerFixture.bobFingerprint)
        #expect(bobs.targets.isEmpty)
        let deleted: DeleteTargetResponse = try await self.call(
            DeploymentsService.Method.deleteTarget, DeleteTargetRequest(id: created.id))
        #expect(deleted.id == created.id)
    }

    @Test("bad input and unknown ids map to invalidArgument, notFound and failedPrecondition")
    func errors() async throws {
        let noKind = await self.failure(DeploymentsService.Method.createTarget, CreateTargetRequest(name: "x"))
        #expect(noKind?.status == .invalidArgument)
        let missingJob = await self.failure(DeploymentsService.Method.getJob, GetJobRequest(id: "job-nope"))
        #expect(missingJob?.status == .notFound)
        #expect(missingJob?.reason == "notFound")
        let missingTarget = await self.failure(DeploymentsService.Method.deleteTarget, DeleteTargetRequest(id: "tgt-1"))
        #expect(missingTarget?.status == .notFound)
        let missingCertificate = await self.failure(
            CertificatesService.Method.replaceCertificate, ReplaceCertificateRequest(id: "cert-0000000000000000"))
        #expect(missingCertificate?.status == .notFound)
        let wire = DomainError.deployment(.replaceNotSupported(certificateID: "cert-1", source: "pca"))
        #expect(RPCError(from: wire).status == .failedPrecondition)
        #expect(RPCError(from: wire).reason == "replaceNotSupported")
    }
}
