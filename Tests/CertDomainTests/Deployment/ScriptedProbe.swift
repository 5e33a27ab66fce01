import CertDomain
import Synchronization

/// An endpoint probe that answers from a script, one answer per call, then repeats the last one:
/// an endpoint whose reload finishes after a few checks. Counts the calls.
///
/// Isolation: a `Mutex` guards the script and the count, so the board's task and the test share it.
final class ScriptedProbe: EndpointProbe {
    private let state: Mutex<(answers: [Result<String, EndpointProbeFailure>], calls: Int)>

    /// - Parameter answers: the answers in order (at least one); the last one repeats.
    init(_ answers: [Result<String, EndpointProbeFailure>]) {
        precondition(!answers.isEmpty, "a scripted probe needs an answer")
        self.state = Mutex((answers, 0))
    }

    var calls: Int { self.state.withLock { $0.calls } }

    func servedFingerprint(_ endpoint: VerificationEndpoint) async -> Result<String, EndpointProbeFailure> {
        self.state.withLock { state in
            state.calls += 1
            return state.answers.count > 1 ? state.answers.removeFirst() : state.answers[0]
        }
    }
}
