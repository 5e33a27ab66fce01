import CertRPC
import Foundation
import Histogram
import NIOCore

/// Runs `certload run`'s calls for a warm-up and a measured window, closed or open loop, into a
/// ``LoadRecorder``.
///
/// Closed loop: `workers` tasks each make one call at a time; latency is call start to response.
/// Open loop: call k is due at `start + k / rate`, whether or not earlier calls have answered;
/// latency runs from that intended start, so a stalled server shows up as latency rather than as
/// fewer samples (no coordinated omission). At most `maxInFlight` calls are outstanding; a due call
/// beyond that is not made and counts as an error (`overload`).
/// Only calls that start (closed) or are due (open) inside the measured window are recorded.
/// Isolation: plain value; calls run as child tasks, on the connection event loops when
/// ``executors`` are given (no hop between a call's start, its write and its resumption); counters
/// live in the recorder.
struct LoadDriver {
    enum Mode: Sendable {
        case closed(workers: Int)
        case open(rate: Double, maxInFlight: Int)
    }

    var mode: Mode
    var warmup: Duration
    var duration: Duration
    var serverPID: Int32?
    /// Connection executors (``RPCClient/connectionExecutors``) to run open-loop shards on; empty:
    /// one shard on the cooperative pool.
    var executors: [EventLoopTaskExecutor] = []
    /// Print a live line on stderr each second.
    var live: Bool

    /// What a run measured besides the recorder's counters.
    struct Window {
        var seconds: Double
        var serverCPUSeconds: Double?
        var selfCPUSeconds: Double
    }

    /// Runs the load; `call(scenario, sequence)` performs one call and throws on failure; `pick`
    /// chooses each call's scenario.
    func run(
        recorder: LoadRecorder,
        pick: @escaping @Sendable (Int) -> LoadScenario,
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
            // Workers take the connection loops in turn and run on them, like the open-loop shards.
            let executors = self.executors
            await withDiscardingTaskGroup { group in
                for worker in 0..<workers {
                    group.addTask(executorPreference: executors.isEmpty ? nil : executors[worker % executors.count]) {
                        let clock = ContinuousClock()
                        var sequence = worker
                        while true {
                            let t0 = clock.now
                            if t0 >= end { break }
                            let scenario = pick(sequence)
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
            // One schedule shard per connection loop: shard s makes calls s, s + S, s + 2S, ... so
            // together they keep the global schedule. A shard, its timer and its calls all run on
            // that connection's event loop: no hop to the cooperative pool between the due time and
            // the write, and the loop's own timer (not the global executor's) wakes it.
            let executors = self.executors
            let shards = max(1, executors.count)
            await withDiscardingTaskGroup { group in
                for shard in 0..<shards {
                    let executor = executors.isEmpty ? nil : executors[shard]
                    group.addTask(executorPreference: executor) {
                        await Self.runOpenShard(
                            shard: shard, of: shards, executor: executor, rate: rate, maxInFlight: maxInFlight,
                            start: start, warmEnd: warmEnd, end: end, recorder: recorder, pick: pick, call: call)
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

    /// One open-loop shard: every `shards`-th call of the schedule, starting at `shard`.
    private static func runOpenShard(
        shard: Int,
        of shards: Int,
        executor: EventLoopTaskExecutor?,
        rate: Double,
        maxInFlight: Int,
        start: ContinuousClock.Instant,
        warmEnd: ContinuousClock.Instant,
        end: ContinuousClock.Instant,
        recorder: LoadRecorder,
        pick: @escaping @Sendable (Int) -> LoadScenario,
        call: @escaping @Sendable (LoadScenario, Int) async throws -> Void
    ) async {
        await withDiscardingTaskGroup { calls in
            for (index, offset) in OpenLoopSchedule(rate: rate, shard: shard, of: shards, horizon: end - start) {
                let due = start + offset
                // Sleep only when ahead; when behind, issue every overdue call at once (their
                // latency still counts from `due`).
                let ahead = due - .now
                if ahead > .zero { await Self.sleep(ahead, on: executor) }
                let scenario = pick(index)
                let measured = due >= warmEnd
                if measured { recorder.recordScheduled(scenario) }
                guard recorder.tryAcquire(cap: maxInFlight) else {
                    if measured { recorder.recordError(scenario, nil, status: "overload") }
                    continue
                }
                calls.addTask(executorPreference: executor) {
                    do {
                        try await call(scenario, index)
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

    /// Sleeps `duration`: on the executor's event loop timer when there is one (a task preferring
    /// that loop resumes there), else `Task.sleep`.
    private static func sleep(_ duration: Duration, on executor: EventLoopTaskExecutor?) async {
        guard let executor else {
            try? await Task.sleep(for: duration)
            return
        }
        let nanoseconds = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
        try? await executor.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) {}.futureResult.get()
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
