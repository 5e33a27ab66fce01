import ArgumentParser
import CertAPI
import CertRPC
import Foundation

/// `certload run`: one scenario (or a weighted mix) against a running certd, closed loop
/// (`--concurrency`) or open loop (`--rate`), after an optional `--seed N` setup phase.
///
/// Prints the table and `RESULT` lines on stdout (with `--json`: one JSON document on stdout,
/// `RESULT` lines on stderr); a live line
/// each second on stderr when stderr is a terminal. Exit status 1 when the error fraction passes
/// `--max-errors`, 2 when nothing was measured.
/// Isolation: runs on the main task; calls are child tasks sharing one `RPCClient`, each running on
/// the event loop of the connection it uses (``RPCClient/connectionExecutors``).
struct RunLoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Closed- or open-loop load of one scenario or a mix against a running certd.")

    @OptionGroup var target: ClientCredentialOptions
    @Option(help: "echo, get, list, upload, download or mixed.") var scenario: LoadScenario = .get
    @Option(help: "Weights for --scenario mixed, e.g. get=80,list=15,upload=5.") var mix: String =
        "get=80,list=15,upload=5"
    @Option(help: "Make sure the account holds at least N certificates first (reuses an existing set).")
    var seed: Int = 0
    @Option(name: .customLong("max-ids"), help: "At most this many seeded ids are listed for get and download.")
    var maxIDs: Int = 100_000
    @Option(help: "Connections.") var connections: Int = 1
    @Option(help: "Closed loop: calls in flight in total.") var concurrency: Int = 1
    @Option(help: "Open loop: calls per second at a fixed schedule (replaces --concurrency).") var rate: Double?
    @Option(name: .customLong("max-in-flight"), help: "Open loop: outstanding calls cap; due calls beyond it fail.")
    var maxInFlight: Int = 10_000
    @Option(help: "Measured seconds.") var duration: Double = 10
    @Option(help: "Warm-up seconds (not measured).") var warmup: Double = 2
    @Flag(help: "Print one JSON document instead of the table.") var json = false
    @Option(name: .customLong("max-errors"), help: "Largest error fraction that still exits 0.")
    var maxErrors: Double = 0.01
    @Option(name: .customLong("server-pid"), help: "The server's pid, to report its CPU per call.")
    var serverPID: Int32?

    func validate() throws {
        guard self.connections >= 1, self.concurrency >= 1, self.maxInFlight >= 1 else {
            throw ValidationError("--connections, --concurrency and --max-in-flight must be at least 1")
        }
        guard self.duration > 0, self.warmup >= 0, self.seed >= 0, self.maxIDs >= 1 else {
            throw ValidationError("--duration must be > 0, --warmup and --seed >= 0, --max-ids >= 1")
        }
        if let rate = self.rate, !(rate > 0) { throw ValidationError("--rate must be > 0") }
        _ = try self.scenarioMix()
    }

    func scenarioMix() throws -> ScenarioMix {
        self.scenario == .mixed ? try ScenarioMix(parsing: self.mix) : ScenarioMix(single: self.scenario)
    }

    func run() async throws {
        let mix = try self.scenarioMix()
        let (host, port) = try self.target.address()
        let client = try RPCClient(
            configuration: RPCClientConfiguration(
                host: host, port: port, tls: self.target.clientTLS(), connections: self.connections,
                keepAliveInterval: nil)
        )
        try await client.connect()
        let certificates = CertificatesService.Client(transport: client)
        let runTag = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let needsPairs = self.seed > 0 || mix.entries.contains { $0.scenario == .upload }
        let pairs = needsPairs ? try PEMPair.generate(count: 4) : []
        var ids: [String] = []
        var seeded = 0
        if self.seed > 0 || mix.entries.contains(where: { $0.scenario.needsIDs || $0.scenario == .list }) {
            (ids, seeded) = try await ScenarioWorkload.seed(
                count: self.seed, certificates: certificates, pairs: pairs, runTag: runTag, maxIDs: self.maxIDs)
        }
        if ids.isEmpty, mix.entries.contains(where: { $0.scenario.needsIDs }) {
            await client.close()
            throw ValidationError("get and download need certificates: pass --seed N")
        }
        let workload = ScenarioWorkload(
            certificates: certificates, echo: EchoService.Client(transport: client), ids: ids, pairs: pairs,
            runTag: runTag)
        var driver = LoadDriver(
            mode: self.rate.map { .open(rate: $0, maxInFlight: self.maxInFlight) }
                ?? .closed(workers: self.concurrency),
            warmup: .milliseconds(Int64(self.warmup * 1000)),
            duration: .milliseconds(Int64(self.duration * 1000)),
            serverPID: self.serverPID,
            live: isatty(STDERR_FILENO) == 1
        )
        driver.executors = client.connectionExecutors
        let recorder = LoadRecorder()
        let window = await driver.run(recorder: recorder, pick: { mix.pick(forCall: $0) }) { scenario, sequence in
            try await workload.perform(scenario, sequence: sequence)
        }
        await client.close()
        let report = LoadReport(
            stats: recorder.snapshot(), window: window, mode: self.rate == nil ? "closed" : "open",
            connections: self.connections, concurrency: self.rate == nil ? self.concurrency : self.maxInFlight,
            rate: self.rate, duration: self.duration, seeded: seeded)
        if self.json {
            print(try report.json())
        } else {
            print(report.table)
            for row in report.scenarios {
                if let error = row.firstError { print("first_error[\(row.scenario)]: \(error)") }
            }
        }
        // RESULT lines go where they do not break the JSON document.
        for line in report.resultLines {
            if self.json { FileHandle.standardError.write(Data((line + "\n").utf8)) } else { print(line) }
        }
        if report.errorFraction > self.maxErrors { throw ExitCode(1) }
        if report.calls == 0 { throw ExitCode(2) }
    }
}
