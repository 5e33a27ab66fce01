import Testing

@testable import certload

@Suite("load report math")
struct LoadReportTests {
    /// A recorder holding `latencies` (µs) as successes of `get` and `errors` failures.
    static func recorder(latencies: [Int], errors: Int, scheduled: Int = 0) -> LoadRecorder {
        let recorder = LoadRecorder()
        for micros in latencies { recorder.recordSuccess(.get, latency: .microseconds(micros)) }
        for _ in 0..<errors { recorder.recordError(.get, nil, status: "unavailable") }
        for _ in 0..<scheduled { recorder.recordScheduled(.get) }
        return recorder
    }

    @Test("calls/s, percentiles, error fraction and CPU per call come from the counters")
    func math() throws {
        // 1..1000 µs once each: p50 is 500, p99 990, max 1000 (HdrHistogram, 3 significant digits).
        let recorder = Self.recorder(latencies: Array(1...1_000), errors: 10)
        let window = LoadDriver.Window(seconds: 2, serverCPUSeconds: 0.05, selfCPUSeconds: 0.02)
        let report = LoadReport(
            stats: recorder.snapshot(), window: window, mode: "closed", connections: 1, concurrency: 4, rate: nil,
            duration: 2, seeded: 0)
        let get = try #require(report.scenarios.first)
        #expect(get.scenario == "get")
        #expect(get.calls == 1_000)
        #expect(get.rps == 500)
        #expect(get.p50_us == 500)
        #expect(get.p99_us == 990)
        #expect(get.max_us == 1_000)
        #expect(get.errorsByStatus == ["unavailable": 10])
        #expect(report.errorFraction == 10.0 / 1_010.0)
        #expect(report.serverCPUMicrosPerCall == 50)
        #expect(report.clientCPUMicrosPerCall == 20)
        let line = try #require(report.resultLines.first)
        #expect(line.hasPrefix("RESULT method=get conns=1 conc=4 rpcs=1000 rps=500 p50_us=500 "))
        #expect(line.hasSuffix("errors=10 srv_cpu_us_per_rpc=50 cli_cpu_us_per_rpc=20"))
    }

    @Test("an empty run reports zeros, not a division by zero")
    func emptyRun() throws {
        let report = LoadReport(
            stats: Self.recorder(latencies: [], errors: 0).snapshot(),
            window: LoadDriver.Window(seconds: 0, serverCPUSeconds: nil, selfCPUSeconds: 0), mode: "open",
            connections: 1, concurrency: 1, rate: 100, duration: 1, seeded: 0)
        #expect(report.calls == 0)
        #expect(report.errorFraction == 0)
        #expect(report.serverCPUMicrosPerCall == nil)
        #expect(report.clientCPUMicrosPerCall == nil)
        #expect(LoadReport.errorFraction(calls: 0, errors: 0) == 0)
        #expect(LoadReport.errorFraction(calls: 3, errors: 1) == 0.25)
    }

    @Test("the in-flight cap refuses the call past it and frees a slot on release")
    func inFlightCap() {
        let recorder = LoadRecorder()
        #expect(recorder.tryAcquire(cap: 2))
        #expect(recorder.tryAcquire(cap: 2))
        #expect(!recorder.tryAcquire(cap: 2))
        recorder.release()
        #expect(recorder.tryAcquire(cap: 2))
    }
}
