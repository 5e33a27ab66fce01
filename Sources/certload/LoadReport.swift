import Foundation
import Histogram

/// The end-of-run report of `certload run`: per scenario calls/s, latency percentiles (µs) and
/// errors by status; rendered as a table, as one JSON document, and as `RESULT` lines in the
/// grpc-echo peer's format.
///
/// Invariants: `rps` is measured calls over the measured window; percentiles come from the
/// scenario's HdrHistogram (0 when it has no samples). Isolation: a plain value.
struct LoadReport: Codable, Sendable {
    struct ScenarioReport: Codable, Sendable {
        var scenario: String
        var calls: Int
        /// Calls due in the window (open loop only; 0 in closed loop).
        var scheduled: Int
        var errors: Int
        var errorsByStatus: [String: Int]
        var rps: Double
        var p50_us: UInt64
        var p90_us: UInt64
        var p99_us: UInt64
        var p999_us: UInt64
        var max_us: UInt64
        var firstError: String?
    }

    var mode: String
    var connections: Int
    var concurrency: Int
    var rate: Double?
    var durationSeconds: Double
    var windowSeconds: Double
    var seeded: Int
    var calls: Int
    var errors: Int
    var errorFraction: Double
    var serverCPUMicrosPerCall: Double?
    /// certload's own CPU per call: on a shared machine the load generator competes with the server.
    var clientCPUMicrosPerCall: Double?
    var scenarios: [ScenarioReport]

    init(
        stats: [LoadScenario: LoadRecorder.Stats], window: LoadDriver.Window, mode: String, connections: Int,
        concurrency: Int, rate: Double?, duration: Double, seeded: Int
    ) {
        self.mode = mode
        self.connections = connections
        self.concurrency = concurrency
        self.rate = rate
        self.durationSeconds = duration
        self.windowSeconds = window.seconds
        self.seeded = seeded
        self.scenarios = LoadScenario.allCases.compactMap { scenario in
            guard let value = stats[scenario] else { return nil }
            let histogram = value.histogram
            let empty = value.calls == 0
            return ScenarioReport(
                scenario: scenario.rawValue, calls: value.calls, scheduled: value.scheduled, errors: value.errors,
                errorsByStatus: value.errorsByStatus,
                rps: window.seconds > 0 ? Double(value.calls) / window.seconds : 0,
                p50_us: empty ? 0 : histogram.valueAtPercentile(50),
                p90_us: empty ? 0 : histogram.valueAtPercentile(90),
                p99_us: empty ? 0 : histogram.valueAtPercentile(99),
                p999_us: empty ? 0 : histogram.valueAtPercentile(99.9),
                max_us: empty ? 0 : histogram.max, firstError: value.firstError)
        }
        self.calls = self.scenarios.reduce(0) { $0 + $1.calls }
        self.errors = self.scenarios.reduce(0) { $0 + $1.errors }
        self.errorFraction = Self.errorFraction(calls: self.calls, errors: self.errors)
        if let cpu = window.serverCPUSeconds, self.calls > 0 {
            self.serverCPUMicrosPerCall = cpu / Double(self.calls) * 1e6
        }
        if self.calls > 0 { self.clientCPUMicrosPerCall = window.selfCPUSeconds / Double(self.calls) * 1e6 }
    }

    /// Failed calls over all attempted calls; 0 when nothing was attempted.
    static func errorFraction(calls: Int, errors: Int) -> Double {
        calls + errors == 0 ? 0 : Double(errors) / Double(calls + errors)
    }

    /// The human table: one row per scenario.
    var table: String {
        func pad(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        var lines = [
            ["scenario", "calls", "calls/s", "p50_us", "p90_us", "p99_us", "p99.9_us", "max_us", "errors"]
                .enumerated().map {
                    $0.offset == 0 ? $0.element.padding(toLength: 9, withPad: " ", startingAt: 0) : pad($0.element, 9)
                }
                .joined(separator: " ")
        ]
        for row in self.scenarios {
            let errors = row.errorsByStatus.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                .joined(separator: ",")
            lines.append(
                row.scenario.padding(toLength: 9, withPad: " ", startingAt: 0) + " "
                    + [
                        "\(row.calls)", String(format: "%.0f", row.rps), "\(row.p50_us)", "\(row.p90_us)",
                        "\(row.p99_us)", "\(row.p999_us)", "\(row.max_us)", "\(row.errors)",
                    ].map { pad($0, 9) }.joined(separator: " ") + (errors.isEmpty ? "" : "  " + errors))
        }
        return lines.joined(separator: "\n")
    }

    /// `RESULT method=<scenario> conns=.. conc=.. rps=.. p50_us=.. p99_us=.. srv_cpu_us_per_rpc=.. cli_cpu_us_per_rpc=..` per
    /// scenario. Server and client CPU are per call of the whole run (the scenarios share the server).
    var resultLines: [String] {
        let cpu = self.serverCPUMicrosPerCall.map { String(Int($0.rounded())) } ?? "nan"
        let clientCPU = self.clientCPUMicrosPerCall.map { String(Int($0.rounded())) } ?? "nan"
        return self.scenarios.map { row in
            "RESULT method=\(row.scenario) conns=\(self.connections) conc=\(self.concurrency) rpcs=\(row.calls) "
                + "rps=\(Int(row.rps.rounded())) p50_us=\(row.p50_us) p90_us=\(row.p90_us) p99_us=\(row.p99_us) "
                + "p999_us=\(row.p999_us) max_us=\(row.max_us) errors=\(row.errors) srv_cpu_us_per_rpc=\(cpu) "
                + "cli_cpu_us_per_rpc=\(clientCPU)"
        }
    }

    /// One JSON document (sorted keys).
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
