import CertDomain
import Synchronization

/// The executor boundary's test double: records what it was asked to deploy and fails as scripted.
///
/// Isolation: a `Mutex` guards the log and the script, so the runner's task and the test share it.
final class RecordingExecutor: DeploymentExecutor {
    struct Call: Sendable {
        var material: DeploymentMaterial
        var target: DeploymentTarget
    }

    private let state = Mutex<(calls: [Call], script: [DeploymentFailure?])>(([], []))

    /// Failures returned by the next calls, in order (nil: succeed); afterwards every call succeeds.
    func script(_ outcomes: [DeploymentFailure?]) { self.state.withLock { $0.script = outcomes } }

    var calls: [Call] { self.state.withLock { $0.calls } }

    func deploy(_ material: DeploymentMaterial, to target: DeploymentTarget) async throws(DeploymentFailure) {
        let failure = self.state.withLock { state -> DeploymentFailure? in
            state.calls.append(Call(material: material, target: target))
            return state.script.isEmpty ? nil : state.script.removeFirst()
        }
        if let failure { throw failure }
    }
}

/// An endpoint probe answering a fixed result (the real probe is tested against `openssl s_server`
/// in CertServerTests).
struct FixedProbe: EndpointProbe {
    var answer: Result<String, EndpointProbeFailure>

    func servedFingerprint(_ endpoint: VerificationEndpoint) async -> Result<String, EndpointProbeFailure> {
        self.answer
    }
}
