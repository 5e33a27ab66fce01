// storebench: raw LMDB rates next to the LMDBInventoryStore port's, for issue 4's speed targets.
//
// Usage: storebench [--directory DIR] [--certificates N] [--raw-count N] [--samples N]
// Build and run in release: `swift build -c release --product storebench && .build/release/storebench`.
// The inventory in DIR/store is kept between runs (seeding 1,000,000 entries takes minutes); DIR/raw is
// rebuilt each run. Prints a report on stdout, progress on stderr.
import CertDomain
import CertStore
import Foundation

var directory = "/tmp/storebench"
var certificates = 1_000_000
var rawCount = 100_000
var samples = 1000
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else {
        log("missing value for \(flag)")
        exit(64)
    }
    switch flag {
    case "--directory": directory = value
    case "--certificates": certificates = Int(value) ?? certificates
    case "--raw-count": rawCount = Int(value) ?? rawCount
    case "--samples": samples = Int(value) ?? samples
    default:
        log("unknown option \(flag)")
        exit(64)
    }
}

let recordSize = PortBenchmark.entry(1).encodedSizeForReport
log("raw LMDB: \(rawCount) values of \(recordSize) bytes")
try? FileManager.default.removeItem(atPath: directory + "/raw")
let raw = RawLMDBBenchmark(directory: directory + "/raw", count: rawCount, valueSize: recordSize).run()
try? FileManager.default.removeItem(atPath: directory + "/raw")

let store = try LMDBInventoryStore(directory: directory + "/store")
let bench = PortBenchmark(store: store, count: certificates, samples: samples)
try await bench.seed()
// The machine is shared: alternate the variants and keep each one's best round.
log("uploads: 1 writer and 64 writers, alternating, best of 3")
var upload1 = 0.0
var upload64 = 0.0
for round in 0..<3 {
    let first = 50_000_000 + Int.random(in: 0..<1_000_000) * 10_000
    upload1 = max(upload1, try await bench.uploads(writers: 1, perWriter: 150, firstNumber: first))
    upload64 = max(upload64, try await bench.uploads(writers: 64, perWriter: 20, firstNumber: first + 1_000 + round))
}
log("pages")
let owner = PortBenchmark.owner
let base = PortBenchmark.base
let expiring = try bench.pageLatency { sample in
    CertificateQuery(
        owner: owner,
        now: base.addingTimeInterval(Double(sample % 300) * 86_400),
        expiry: .expiringWithin(days: 30),
        limit: 100
    )
}
let tagEnv = try bench.pageLatency { sample in
    CertificateQuery(
        owner: owner, now: base, tag: TagFilter(key: "env", value: PortBenchmark.environments[sample % 4]), limit: 100)
}
let tagTeam = try bench.pageLatency { sample in
    CertificateQuery(owner: owner, now: base, tag: TagFilter(key: "team", value: "t\(sample % 100)"), limit: 100)
}
let tagTeamExpiring = try bench.pageLatency { sample in
    CertificateQuery(
        owner: owner,
        now: base,
        expiry: .expiringWithin(days: 90),
        tag: TagFilter(key: "team", value: "t\(sample % 100)"),
        limit: 100
    )
}
let tagByName = try bench.pageLatency { sample in
    CertificateQuery(
        owner: owner,
        now: base,
        tag: TagFilter(key: "env", value: PortBenchmark.environments[sample % 4]),
        sort: CertificateSort(field: .name, order: .ascending),
        limit: 100
    )
}
store.close()
// Raw gets need the environment to themselves (one environment per directory per process), so the
// store is reopened for each port round.
log("gets: port vs raw mdb_get on the same certs table, same ids, alternating, best of 5")
let lookupIDs = bench.randomIDs(50_000)
let rawKeys = lookupIDs.map { Array($0.rawValue.utf8) }
var rawStoreGets = 0.0
var gets = 0.0
for _ in 0..<5 {
    rawStoreGets = max(rawStoreGets, RawLMDBBenchmark.getsOnStore(directory: directory + "/store", ids: rawKeys))
    let reopened = try LMDBInventoryStore(directory: directory + "/store")
    gets = max(gets, try PortBenchmark(store: reopened, count: certificates, samples: samples).getsByID(lookupIDs))
    reopened.close()
}

func rate(_ value: Double) -> String { String(Int(value.rounded())) }
func ms(_ value: Duration) -> String { String(format: "%.2f ms", value.seconds * 1000) }
print("storebench: \(certificates) certificates in one account, record ~\(recordSize) bytes")
print("raw LMDB (\(rawCount) x \(recordSize) B):")
print("  batched puts (1000/txn)          \(rate(raw.batchedPutsPerSecond)) /s")
print("  durable commits (1 put/txn)      \(rate(raw.durableCommitsPerSecond)) /s")
print("  gets, one read txn               \(rate(raw.getsPerSecondOneTransaction)) /s")
print("  gets, read txn per get           \(rate(raw.getsPerSecondTransactionPerGet)) /s")
print("port (LMDBInventoryStore):")
print(
    "  uploads, 1 writer                \(rate(upload1)) /s   (\(String(format: "%.2f", raw.durableCommitsPerSecond / upload1))x slower than raw durable commit)"
)
print(
    "  uploads, 64 writers              \(rate(upload64)) /s   (\(String(format: "%.1f", upload64 / upload1))x the 1-writer rate; target >= 5x)"
)
print("  raw get, same certs table, txn per get  \(rate(rawStoreGets)) /s")
print(
    "  get by id (txn + lookup + decode) \(rate(gets)) /s   (raw same-table / port = \(String(format: "%.2f", rawStoreGets / gets))x; target <= 3x)"
)
print(
    "  expiring within 30 days, first 100   p50 \(ms(expiring.p50))  p99 \(ms(expiring.p99))  cpu p50 \(ms(expiring.cpuP50)) p99 \(ms(expiring.cpuP99))  (avg \(expiring.entries) entries)"
)
print(
    "  tag env=<1 of 4>, first 100          p50 \(ms(tagEnv.p50))  p99 \(ms(tagEnv.p99))  cpu p50 \(ms(tagEnv.cpuP50)) p99 \(ms(tagEnv.cpuP99))  (avg \(tagEnv.entries) entries)"
)
print(
    "  tag team=<1 of 100>, first 100       p50 \(ms(tagTeam.p50))  p99 \(ms(tagTeam.p99))  cpu p50 \(ms(tagTeam.cpuP50)) p99 \(ms(tagTeam.cpuP99))  (avg \(tagTeam.entries) entries)"
)
print(
    "  tag team + expiring 90 d, first 100  p50 \(ms(tagTeamExpiring.p50))  p99 \(ms(tagTeamExpiring.p99))  cpu p50 \(ms(tagTeamExpiring.cpuP50)) p99 \(ms(tagTeamExpiring.cpuP99))  (avg \(tagTeamExpiring.entries) entries)"
)
print(
    "  tag env, sorted by name, first 100   p50 \(ms(tagByName.p50))  p99 \(ms(tagByName.p99))  cpu p50 \(ms(tagByName.cpuP50)) p99 \(ms(tagByName.cpuP99))  (avg \(tagByName.entries) entries)"
)
