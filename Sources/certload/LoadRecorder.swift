import CertWire
import Histogram
import Synchronization

/// Per-scenario counters of a `certload run`: latency histogram (µs), calls, scheduled calls (open
/// loop), errors by status, and the calls in flight (for the open loop's cap).
///
/// Role: the one place workers and the open-loop scheduler record into; read at the end (and each
/// second for the live line). Isolation: `Sendable` through a `Mutex`; each record is a short
/// critical section (a histogram insert), cheap next to an RPC.
final class LoadRecorder: Sendable {
    /// Counters of one scenario.
    struct Stats: Sendable {
        var histogram = Histogram<UInt32>(
            lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var calls = 0
        var scheduled = 0
        var errorsByStatus: [String: Int] = [:]
        var firstError: String?
        var errors: Int { self.errorsByStatus.values.reduce(0, +) }
    }

    struct State: Sendable {
        var stats: [LoadScenario: Stats] = [:]
        var inFlight = 0
    }

    private let state = Mutex(State())

    /// Records a successful call of `latency`.
    func recordSuccess(_ scenario: LoadScenario, latency: Duration) {
        let micros = latency.components.seconds * 1_000_000 + latency.components.attoseconds / 1_000_000_000_000
        self.state.withLock { state in
            state.stats[scenario, default: Stats()].calls += 1
            _ = state.stats[scenario, default: Stats()].histogram.record(UInt64(max(micros, 1)))
        }
    }

    /// Records a failed call under its status (`RPCError`), or `status` when given.
    func recordError(_ scenario: LoadScenario, _ error: (any Error)?, status: String? = nil) {
        let key = status ?? (error as? RPCError)?.status.description ?? "client"
        self.state.withLock { state in
            state.stats[scenario, default: Stats()].errorsByStatus[key, default: 0] += 1
            if state.stats[scenario]?.firstError == nil {
                state.stats[scenario]?.firstError = error.map { "\($0)" } ?? key
            }
        }
    }

    /// Counts one call scheduled by the open loop in the measured window.
    func recordScheduled(_ scenario: LoadScenario) {
        self.state.withLock { $0.stats[scenario, default: Stats()].scheduled += 1 }
    }

    /// Takes one in-flight slot if fewer than `cap` are taken.
    func tryAcquire(cap: Int) -> Bool {
        self.state.withLock { state in
            guard state.inFlight < cap else { return false }
            state.inFlight += 1
            return true
        }
    }

    /// Returns a slot taken by ``tryAcquire(cap:)``.
    func release() { self.state.withLock { $0.inFlight -= 1 } }

    /// A copy of every scenario's counters.
    func snapshot() -> [LoadScenario: Stats] { self.state.withLock { $0.stats } }
}
