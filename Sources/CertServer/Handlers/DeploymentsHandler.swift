import CertAPI
import CertDomain
import CertWire

/// Answers the Deployments service by calling ``DeploymentBoard``.
///
/// Role: translation only; ownership, validation and auditing are the domain's.
/// Invariants: every call is authenticated through ``DomainGateway``.
/// Isolation: an immutable value.
struct DeploymentsHandler: DeploymentsService.Handler {
    let gateway: DomainGateway
    let board: DeploymentBoard

    func createTarget(_ request: CreateTargetRequest, context: CallContext) async throws -> CertAPI.DeploymentTarget {
        try await self.gateway.call(context, DeploymentsService.Method.createTarget) { caller in
            let endpoint = request.verifyEndpoint.map {
                VerificationEndpoint(host: $0.host, port: Int($0.port), serverName: $0.serverName)
            }
            let target = try await self.board.createTarget(
                caller,
                NewDeploymentTarget(
                    name: request.name, kind: try CertDomain.DeploymentTargetKind.from(request.kind),
                    resourceID: request.resourceID, region: request.region, settings: request.settings,
                    verifyEndpoint: endpoint, allowKey: request.allowKey))
            return target.wire
        }
    }

    func listTargets(_ request: ListTargetsRequest, context: CallContext) async throws -> ListTargetsResponse {
        try await self.gateway.call(context, DeploymentsService.Method.listTargets) { caller in
            ListTargetsResponse(targets: try self.board.targets(caller).map(\.wire))
        }
    }

    func deleteTarget(_ request: DeleteTargetRequest, context: CallContext) async throws -> DeleteTargetResponse {
        try await self.gateway.call(context, DeploymentsService.Method.deleteTarget) { caller in
            let target = try await self.board.deleteTarget(caller, id: DeploymentTargetID(rawValue: request.id))
            return DeleteTargetResponse(id: target.id.rawValue)
        }
    }

    func deploy(_ request: DeployRequest, context: CallContext) async throws -> CertAPI.DeploymentJob {
        try await self.gateway.call(context, DeploymentsService.Method.deploy) { caller in
            try await self.board.deploy(
                caller, certificateID: CertificateID(rawValue: request.certificateID),
                targetIDs: request.targetIDs.map(DeploymentTargetID.init(rawValue:))
            ).wire
        }
    }

    func getJob(_ request: GetJobRequest, context: CallContext) async throws -> CertAPI.DeploymentJob {
        try await self.gateway.call(context, DeploymentsService.Method.getJob) { caller in
            try self.board.job(caller, id: DeploymentJobID(rawValue: request.id)).wire
        }
    }

    func listJobs(_ request: ListJobsRequest, context: CallContext) async throws -> ListJobsResponse {
        try await self.gateway.call(context, DeploymentsService.Method.listJobs) { caller in
            let jobs = try self.board.jobs(
                caller, certificateID: request.certificateID.map(CertificateID.init(rawValue:)),
                limit: request.limit == 0 ? 100 : Int(request.limit))
            return ListJobsResponse(jobs: jobs.map(\.wire))
        }
    }

    func deploymentStatus(_ request: DeploymentStatusRequest, context: CallContext) async throws
        -> DeploymentStatusResponse
    {
        try await self.gateway.call(context, DeploymentsService.Method.deploymentStatus) { caller in
            try self.board.deploymentStatus(caller, certificateID: CertificateID(rawValue: request.certificateID)).wire
        }
    }
}
