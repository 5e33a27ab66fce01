import CertAPI
import CertDomain
import CertWire
import Foundation

// Wire forms of the deployment records. Names clash between CertAPI and CertDomain
// (DeploymentTarget, DeploymentJob, ...), so both sides are qualified throughout.

extension CertDomain.DeploymentTargetKind {
    var wire: CertAPI.DeploymentTargetKind {
        switch self {
        case .slb: .slb
        case .cdn: .cdn
        case .waf: .waf
        case .ecs: .ecs
        case .simpleAppServer: .simpleAppServer
        case .file: .file
        case .command: .command
        case .webhook: .webhook
        }
    }

    /// The domain kind of a wire kind.
    /// - Throws: ``DomainError/invalidArgument(field:detail:)`` for unset or unknown kinds.
    static func from(_ wire: CertAPI.DeploymentTargetKind) throws(DomainError) -> Self {
        switch wire {
        case .slb: return .slb
        case .cdn: return .cdn
        case .waf: return .waf
        case .ecs: return .ecs
        case .simpleAppServer: return .simpleAppServer
        case .file: return .file
        case .command: return .command
        case .webhook: return .webhook
        case .kindUnspecified, .unrecognized:
            throw .invalidArgument(
                field: "kind", detail: "one of slb, cdn, waf, ecs, simpleAppServer, file, command, webhook")
        }
    }
}

extension CertDomain.DeploymentState {
    var wire: CertAPI.DeploymentState {
        switch self {
        case .pending: .pending
        case .running: .running
        case .succeeded: .succeeded
        case .failed: .failed
        }
    }
}

extension CertDomain.DeploymentVerification {
    var wire: CertAPI.DeploymentVerification {
        let result: VerificationResult =
            switch self.result {
            case .verified: .verified
            case .servesOther: .servesOther
            case .unreachable: .unreachable
            }
        return CertAPI.DeploymentVerification(
            result: result, foundFingerprintSHA256: self.foundFingerprintSHA256, detail: self.detail,
            checkedAt: Timestamp(self.checkedAt), attempts: UInt32(clamping: self.attempts))
    }
}

extension CertDomain.DeploymentTarget {
    var wire: CertAPI.DeploymentTarget {
        CertAPI.DeploymentTarget(
            id: self.id.rawValue, name: self.name, kind: self.kind.wire, resourceID: self.resourceID,
            region: self.region, settings: self.settings,
            verifyEndpoint: self.verifyEndpoint.map {
                VerifyEndpoint(host: $0.host, port: UInt32(clamping: $0.port), serverName: $0.serverName)
            },
            allowKey: self.allowKey, createdAt: Timestamp(self.createdAt))
    }
}

extension CertDomain.DeploymentTargetRun {
    var wire: CertAPI.DeploymentTargetRun {
        CertAPI.DeploymentTargetRun(
            targetID: self.targetID.rawValue, targetName: self.targetName, state: self.state.wire,
            attempts: UInt32(clamping: self.attempts), lastError: self.lastError,
            nextAttemptAt: self.state == .pending ? self.nextAttemptAt.map(Timestamp.init) : nil,
            startedAt: self.startedAt.map(Timestamp.init), finishedAt: self.finishedAt.map(Timestamp.init),
            verification: self.verification?.wire)
    }
}

extension CertDomain.DeploymentJob {
    var wire: CertAPI.DeploymentJob {
        CertAPI.DeploymentJob(
            id: self.id.rawValue, certificateID: self.certificateID, fingerprintSHA256: self.fingerprintSHA256,
            state: self.state.wire, runs: self.runs.map(\.wire), trigger: self.trigger,
            createdAt: Timestamp(self.createdAt), updatedAt: Timestamp(self.updatedAt))
    }
}

extension CertDomain.CertificateDeploymentStatus {
    var wire: DeploymentStatusResponse {
        DeploymentStatusResponse(
            certificateID: self.certificateID, fingerprintSHA256: self.fingerprintSHA256,
            deployments: self.deployments.map {
                CertificateDeployment(
                    targetID: $0.targetID.rawValue, targetName: $0.targetName, fingerprintSHA256: $0.fingerprintSHA256,
                    deployedAt: Timestamp($0.deployedAt), jobID: $0.jobID.rawValue, verification: $0.verification?.wire,
                    outdated: $0.isOutdated)
            },
            latestJob: self.latestJob?.wire)
    }
}
