import Foundation
import Histogram

/// Runs `certload run`'s calls for a warm-up and a measured window, closed or open loop, into a
/// ``LoadRecorder``.
///
/// Closed loop: `workers` tasks each make one call at a time; latency is call start to response.
/// Open loop: call k is due at `start + k / rate`, whether or not earlier calls have answered;
/// latency runs from that intended start, so a stalled server shows up as latency rather than as
/// fewer samples (no coordinated omission). At most `maxInFlight` calls are outstanding; a due call
/// beyond that is not made and counts as an error (`overload`).
/// Only calls that start (closed) or are due (open) inside the measured window are recorded.
/// Isolation: plain value; calls run as child tasks; counters live in the recorder.
struct LoadDriver {
    enum Mode: Sendable {
        case closed(workers: Int)
        case open(rate: Double, maxInFlight: Int)
    }

    var mode: Mode
    var warmup: Duration
    var duration: Duration
    var serverPID: Int32?
    /// Print a live line on stderr each second.
    var live: Bool

    /// What a run measured besides the recorder's counters.
    struct Window {
        var seconds: Double
        var serverCPUSeconds: Double?
        var selfCPUSeconds: Double
    }

    /// Due time of open-loop call `index` after `start`.
    static func dueOffset(index: Int, rate: Double) -> Duration {
        .nanoseconds(Int64((Double(index) * 1e9 / rate).rounded()))
    }

    /// Runs the load; `call(scenario, sequence)` performs one call and throws on failure; `pick`
    /// chooses each call's scenario.
    func run(
        recorder: LoadRecorder,
        pick: @escaping @Sendable () -> LoadScenario,
        call: @escaping @Sendable (LoadScenario, Int) async throws -> Void
    ) async -> Window {
        let start = ContinuousClock.now
        let warmEnd = start + self.warmup
        let end = warmEnd + self.duration
        let serverPID = self.serverPID
        let liveTask: Task<Void, Never>? =
            self.live
            ? Task {
                var second = 1
                while !Task.isCancelled {
                    try? await Task.sleep(until: start + .seconds(second), clock: .continuous)
                    if Task.isCancelled { break }
                    Self.printLive(recorder.snapshot(), second: second)
                    second += 1
                }
            } : nil
        async let window: (CPUSample, CPUSample) = {
            try? await Task.sleep(until: warmEnd, clock: .continuous)
            let first = CPUSample.take(serverPID: serverPID)
            try? await Task.sleep(until: end, clock: .continuous)
            return (first, CPUSample.take(serverPID: serverPID))
        }()
        switch self.mode {
        case .closed(let workers):
            await withDiscardingTaskGroup { group in
                for worker in 0..<workers {
                    group.addTask {
                        let clock = ContinuousClock()
                        var sequence = worker
                        while true {
                            let t0 = clock.now
                            if t0 >= end { break }
                            let scenario = pick()
                            let measured = t0 >= warmEnd
                            do {
                                try await call(scenario, sequence)
                                if measured { recorder.recordSuccess(scenario, latency: clock.now - t0) }
                            } catch {
                                if measured { recorder.recordError(scenario, error) }
                                try? await Task.sleep(for: .milliseconds(10))  // do not spin on a dead server
                            }
                            sequence += workers
                        }
                    }
                }
            }
        case .open(let rate, let maxInFlight):
            await withDiscardingTaskGroup { group in
                var index = 0
                while true {
                    let due = start + Self.dueOffset(index: index, rate: rate)
                    if due >= end { break }
                    // Sleep only when ahead; when behind, issue every overdue call at once (their
                    // latency still counts from `due`).
                    if due > .now { try? await Task.sleep(until: due, clock: .continuous) }
                    let scenario = pick()
                    let measured = due >= warmEnd
                    if measured { recorder.recordScheduled(scenario) }
                    let sequence = index
                    index += 1
                    guard recorder.tryAcquire(cap: maxInFlight) else {
                        if measured { recorder.recordError(scenario, nil, status: "overload") }
                        continue
                    }
                    group.addTask {
                        do {
                            try await call(scenario, sequence)
                            let latency = ContinuousClock.now - due
                            recorder.release()
                            if measured { recorder.recordSuccess(scenario, latency: latency) }
                        } catch {
                            recorder.release()
                            if measured { recorder.recordError(scenario, error) }
                        }
                    }
                }
            }
        }
        let (first, last) = await window
        liveTask?.cancel()
        var serverCPU: Double?
        if let a = first.serverTicks, let b = last.serverTicks {
            serverCPU = Double(b - a) / Double(CPUSample.clockTicksPerSecond)
        }
        return Window(
            seconds: Double(last.at - first.at) / 1e9,
            serverCPUSeconds: serverCPU,
            selfCPUSeconds: Double(last.selfNanos - first.selfNanos) / 1e9
        )
    }

    /// One stderr line: calls and errors so far, p50/p99 over all scenarios (µs).
    private static func printLive(_ stats: [LoadScenario: LoadRecorder.Stats], second: Int) {
        var merged = LoadRecorder.Stats()
        for value in stats.values {
            merged.histogram.add(value.histogram)
            merged.calls += value.calls
            for (key, count) in value.errorsByStatus { merged.errorsByStatus[key, default: 0] += count }
        }
        let line =
            "[\(second)s] calls=\(merged.calls) errors=\(merged.errors) "
            + "p50_us=\(merged.histogram.valueAtPercentile(50)) p99_us=\(merged.histogram.valueAtPercentile(99))\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
