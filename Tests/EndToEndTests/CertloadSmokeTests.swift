import CertTestSupport
import Foundation
import Testing

/// `certload run` against a real certd: a short mixed closed-loop run after seeding, and an
/// open-loop run whose schedule is checked by counting calls (not timing them).
@Suite("certload smoke")
struct CertloadSmokeTests {
    /// The `certload` binary next to the test bundle.
    static func certloadPath() throws -> String {
        let certd = try RunningCertd.binaryPath()
        let path = URL(fileURLWithPath: certd).deletingLastPathComponent().appendingPathComponent("certload").path
        try #require(FileManager.default.isExecutableFile(atPath: path), "certload not built at \(path)")
        return path
    }

    /// Runs `certload run` against `certd` with `arguments` and decodes its JSON report.
    static func runCertload(_ certd: RunningCertd, _ arguments: [String]) async throws -> (
        status: Int32, report: [String: Any], stderr: String
    ) {
        let result = try await EndToEnd.run(
            try Self.certloadPath(),
            ["run", "--server", "127.0.0.1:\(certd.port)", "--data-dir", certd.dataDirectory, "--json"] + arguments)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        let report = try #require(object as? [String: Any], "not a JSON object: \(result.stdout)\n\(result.stderr)")
        return (result.status, report, result.stderr)
    }

    @Test("mixed closed loop after --seed 20: every scenario made calls, no errors, exit 0")
    func mixedClosedLoop() async throws {
        try await EndToEnd.withCertd { certd in
            let run = try await Self.runCertload(
                certd,
                [
                    "--scenario", "mixed", "--mix", "get=60,list=15,upload=10,download=10,echo=5", "--seed", "20",
                    "--duration", "2", "--warmup", "0", "--connections", "1", "--concurrency", "4",
                    "--server-pid", "\(certd.processIdentifier)",
                ])
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.report["seeded"] as? Int == 20)
            #expect(run.report["errors"] as? Int == 0)
            let scenarios = try #require(run.report["scenarios"] as? [[String: Any]])
            #expect(
                Set(scenarios.compactMap { $0["scenario"] as? String }) == [
                    "get", "list", "upload", "download", "echo",
                ])
            for row in scenarios {
                #expect((row["calls"] as? Int ?? 0) > 0, "\(row)")
                #expect(row["errors"] as? Int == 0, "\(row)")
                #expect((row["p50_us"] as? Int ?? 0) <= (row["p99_us"] as? Int ?? 0), "\(row)")
                #expect((row["p99_us"] as? Int ?? 0) <= (row["max_us"] as? Int ?? 0), "\(row)")
            }
            #expect(run.stderr.contains("RESULT method=get conns=1 conc=4 "))
        }
    }

    @Test("open loop --rate 200 for 2 s schedules about 400 calls and reuses the seeded set")
    func openLoopSchedule() async throws {
        try await EndToEnd.withCertd { certd in
            let seed = try await Self.runCertload(
                certd, ["--scenario", "get", "--seed", "10", "--duration", "0.2", "--warmup", "0"])
            #expect(seed.status == 0, "stderr: \(seed.stderr)")
            #expect(seed.report["seeded"] as? Int == 10)
            let run = try await Self.runCertload(
                certd, ["--scenario", "get", "--seed", "10", "--rate", "200", "--duration", "2", "--warmup", "0"])
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.report["seeded"] as? Int == 0, "an existing set of 10 is reused")
            #expect(run.report["mode"] as? String == "open")
            let scenarios = try #require(run.report["scenarios"] as? [[String: Any]])
            let get = try #require(scenarios.first { $0["scenario"] as? String == "get" })
            let scheduled = get["scheduled"] as? Int ?? 0
            #expect((300...500).contains(scheduled), "scheduled \(scheduled)")
            #expect(get["calls"] as? Int == scheduled)
            #expect(get["errors"] as? Int == 0)
        }
    }

    @Test("open loop beyond --max-in-flight counts overload errors and exits 1 past --max-errors")
    func openLoopOverload() async throws {
        try await EndToEnd.withCertd { certd in
            let run = try await Self.runCertload(
                certd,
                [
                    "--scenario", "upload", "--rate", "2000", "--max-in-flight", "1", "--duration", "1", "--warmup",
                    "0",
                ])
            #expect(run.status == 1, "stderr: \(run.stderr)")
            let scenarios = try #require(run.report["scenarios"] as? [[String: Any]])
            let upload = try #require(scenarios.first { $0["scenario"] as? String == "upload" })
            let byStatus = try #require(upload["errorsByStatus"] as? [String: Int])
            #expect((byStatus["overload"] ?? 0) > 0)
            #expect((upload["calls"] as? Int ?? 0) + (upload["errors"] as? Int ?? 0) == upload["scheduled"] as? Int)
            #expect((run.report["errorFraction"] as? Double ?? 0) > 0.01)
        }
    }
}
