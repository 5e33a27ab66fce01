import Foundation
import Histogram

/// A closed-loop load run: W workers, each issuing one call at a time, a warm-up, then a measured
/// window; latency from call start to response into an HdrHistogram (µs); server CPU over the window.
///
/// Role: shared by `certload echo` (through the RPC client) and `certload bare` (no RPC layer), so
/// both print the same `RESULT ...` line, in the format of the grpc-echo peer's load client.
/// Isolation: each worker owns its histogram and counters; they are merged after the run.
struct ClosedLoop {
    var workers: Int
    var warmup: Duration
    var duration: Duration
    /// The server's process id, for its CPU time (utime + stime from /proc/<pid>/stat).
    var serverPID: Int32?

    struct WorkerResult: Sendable {
        var histogram = Histogram<UInt32>(
            lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var measured = 0
        var errors = 0
        var firstError: String?
    }

    /// The merged outcome of a run.
    struct Outcome {
        var histogram: Histogram<UInt32>
        var measured: Int
        var errors: Int
        var firstError: String?
        var windowSeconds: Double
        var serverCPUSeconds: Double?
        var selfCPUSeconds: Double

        var rps: Double { Double(self.measured) / self.windowSeconds }

        /// The RESULT line (peer format): method, conns, conc, rps, percentiles, server CPU per call.
        func resultLine(method: String, connections: Int, concurrency: Int) -> String {
            func perCall(_ seconds: Double?) -> String {
                guard let seconds, self.measured > 0 else { return "nan" }
                return String(Int((seconds / Double(self.measured) * 1e6).rounded()))
            }
            return "RESULT method=\(method) conns=\(connections) conc=\(concurrency) rpcs=\(self.measured) "
                + "rps=\(Int(self.rps.rounded())) p50_us=\(self.histogram.valueAtPercentile(50)) "
                + "p90_us=\(self.histogram.valueAtPercentile(90)) p99_us=\(self.histogram.valueAtPercentile(99)) "
                + "p999_us=\(self.histogram.valueAtPercentile(99.9)) max_us=\(self.histogram.max) "
                + "errors=\(self.errors) srv_cpu_us_per_rpc=\(perCall(self.serverCPUSeconds)) "
                + "cli_cpu_us_per_rpc=\(perCall(self.selfCPUSeconds))"
        }
    }

    /// Runs the load; `call(worker)` performs one call and throws on failure.
    func run(_ call: @escaping @Sendable (Int) async throws -> Void) async -> Outcome {
        let start = ContinuousClock.now
        let warmEnd = start + self.warmup
        let end = warmEnd + self.duration
        let serverPID = self.serverPID
        async let window: (CPUSample, CPUSample) = {
            try? await Task.sleep(until: warmEnd, clock: .continuous)
            let first = CPUSample.take(serverPID: serverPID)
            try? await Task.sleep(until: end, clock: .continuous)
            return (first, CPUSample.take(serverPID: serverPID))
        }()
        let results = await withTaskGroup(of: WorkerResult.self) { group in
            for worker in 0..<self.workers {
                group.addTask {
                    var result = WorkerResult()
                    let clock = ContinuousClock()
                    while true {
                        let t0 = clock.now
                        if t0 >= end { break }
                        do {
                            try await call(worker)
                            let t1 = clock.now
                            if t1 >= warmEnd && t1 < end {
                                let elapsed = t1 - t0
                                let micros =
                                    elapsed.components.seconds * 1_000_000
                                    + elapsed.components.attoseconds / 1_000_000_000_000
                                _ = result.histogram.record(UInt64(max(micros, 1)))
                                result.measured += 1
                            }
                        } catch {
                            result.errors += 1
                            if result.firstError == nil { result.firstError = "\(error)" }
                            try? await Task.sleep(for: .milliseconds(10))  // do not spin on a dead server
                        }
                    }
                    return result
                }
            }
            var all: [WorkerResult] = []
            for await result in group { all.append(result) }
            return all
        }
        let (first, last) = await window
        var merged = WorkerResult()
        for result in results {
            merged.histogram.add(result.histogram)
            merged.measured += result.measured
            merged.errors += result.errors
            if merged.firstError == nil { merged.firstError = result.firstError }
        }
        var serverCPU: Double?
        if let a = first.serverTicks, let b = last.serverTicks {
            serverCPU = Double(b - a) / Double(CPUSample.clockTicksPerSecond)
        }
        return Outcome(
            histogram: merged.histogram,
            measured: merged.measured,
            errors: merged.errors,
            firstError: merged.firstError,
            windowSeconds: Double(last.at - first.at) / 1e9,
            serverCPUSeconds: serverCPU,
            selfCPUSeconds: Double(last.selfNanos - first.selfNanos) / 1e9
        )
    }
}

/// CPU counters at one instant: monotonic time, this process's CPU, the server's CPU ticks.
struct CPUSample: Sendable {
    var at: UInt64
    var selfNanos: UInt64
    var serverTicks: UInt64?

    static let clockTicksPerSecond = UInt64(sysconf(Int32(_SC_CLK_TCK)))

    static func take(serverPID: Int32?) -> CPUSample {
        CPUSample(
            at: Self.nanos(CLOCK_MONOTONIC),
            selfNanos: Self.nanos(CLOCK_PROCESS_CPUTIME_ID),
            serverTicks: serverPID.flatMap(Self.processTicks)
        )
    }

    private static func nanos(_ clock: clockid_t) -> UInt64 {
        var time = timespec()
        clock_gettime(clock, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// utime + stime of `pid` in clock ticks, from /proc/<pid>/stat (fields 14 and 15; the command
    /// name in field 2 may hold spaces, so fields are counted after its closing parenthesis).
    static func processTicks(_ pid: Int32) -> UInt64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After ")": field 3 (state) is index 0, so utime (14) is index 11 and stime (15) index 12.
        guard fields.count > 12, let user = UInt64(fields[11]), let system = UInt64(fields[12]) else { return nil }
        return user + system
    }
}
