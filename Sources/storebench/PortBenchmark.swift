import CertDomain
import CertStore
import Foundation

/// The store port's rates and latencies over a large inventory (one owner, `count` certificates).
struct PortBenchmark {
    let store: LMDBInventoryStore
    let count: Int
    let samples: Int
    static let owner = AccountID(rawValue: "bench")
    static let base = Date(timeIntervalSince1970: 1_800_000_000)

    static func pattern(_ count: Int, _ seed: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ seed) }
    }

    /// Hex of a scrambled `n`, so ids spread over the key space like random ids do.
    static func id(_ n: Int) -> CertificateID {
        let scrambled = UInt64(n) &* 0x9E37_79B9_7F4A_7C15
        let digits = Array("0123456789abcdef".utf8)
        var bytes = Array("cert-".utf8)
        for shift in stride(from: 60, through: 0, by: -4) {
            bytes.append(digits[Int((scrambled >> UInt64(shift)) & 0xF)])
        }
        return CertificateID(rawValue: String(decoding: bytes, as: UTF8.self))
    }

    static let environments = ["prod", "test", "staging", "dev"]

    /// A realistic entry: 750-byte leaf, one 300-byte intermediate (about 1.5 KB stored), a sealed EC key, two SANs, two tags.
    static func entry(_ n: Int) -> CertificateEntry {
        let created = Self.base.addingTimeInterval(Double(n) * 0.001)
        let notAfter = Self.base.addingTimeInterval(Double((n &* 7919) % 1095 - 365) * 86_400 + Double(n % 86_400))
        return CertificateEntry(
            id: Self.id(n),
            ownerAccountID: Self.owner,
            name: "host-\(n).example.com",
            source: [.uploaded, .pca, .official, .uploaded][n % 4],
            algorithm: .international,
            leafDER: Self.pattern(750, n),
            chainDER: [Self.pattern(300, 1)],
            sealedKeys: [SealedKey(role: .signing, blob: Self.pattern(166, n + 2))],
            details: CertificateFacts(
                subject: "CN=host-\(n).example.com,O=Example Corp",
                issuer: "CN=Example Issuing CA 1,O=Example Corp",
                commonName: "host-\(n).example.com",
                sans: ["host-\(n).example.com", "www.host-\(n).example.com"],
                serialNumberHex: String(UInt64(n) &* 2_654_435_761, radix: 16),
                fingerprintSHA256: String(repeating: String(n % 16, radix: 16), count: 64),
                keyAlgorithm: .ec,
                keySizeBits: nil,
                curve: "P-256",
                signatureAlgorithm: "ecdsa-with-SHA256",
                notBefore: notAfter.addingTimeInterval(-397 * 86_400),
                notAfter: notAfter,
                chainLength: 1,
                isChainComplete: false
            ),
            resourceGroup: "group-\(n % 10)",
            tags: ["env": Self.environments[n % 4], "team": "t\(n % 100)"],
            createdAt: created,
            updatedAt: created
        )
    }

    /// Fills the store up to `count` entries, 10,000 per transaction.
    func seed() async throws {
        let present = try self.store.read { try $0.countCertificates(owner: Self.owner, now: Self.base).total }
        guard present < self.count else {
            log("seed: \(present) certificates already present")
            return
        }
        let clock = ContinuousClock()
        let start = clock.now
        var next = present
        while next < self.count {
            let range = next..<min(next + 10_000, self.count)
            try await self.store.write { writer in
                for n in range { try writer.putCertificate(Self.entry(n)) }
            }
            next = range.upperBound
            if next % 100_000 == 0 || next == self.count {
                let elapsed = (clock.now - start).seconds
                log("seed: \(next) certificates (\(Int(Double(next - present) / elapsed)) /s)")
            }
        }
    }

    /// Sequential uploads by `writers` concurrent tasks, each awaiting its durable commit before the next.
    func uploads(writers: Int, perWriter: Int, firstNumber: Int) async throws -> Double {
        let clock = ContinuousClock()
        let store = self.store
        let elapsed = try await clock.measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        for step in 0..<perWriter {
                            let entry = Self.entry(firstNumber + writer * perWriter + step)
                            try await store.write { try $0.putCertificate(entry) }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        return Double(writers * perWriter) / elapsed.seconds
    }

    /// Random ids of seeded entries, shared by the port and the raw get loops so both touch the same pages.
    func randomIDs(_ lookups: Int) -> [CertificateID] {
        var generator = SystemRandomNumberGenerator()
        return (0..<lookups).map { _ in Self.id(Int.random(in: 0..<self.count, using: &generator)) }
    }

    /// `store.read { certificate(id:) }` per id: one read transaction, lookup and full decode each.
    /// The first pass maps the pages (minor faults); the second is measured.
    func getsByID(_ ids: [CertificateID]) throws -> Double {
        var found = 0
        for id in ids where try self.store.read({ try $0.certificate(id: id) }) != nil {
            found += 1
        }
        let elapsed = try ContinuousClock().measure {
            for id in ids where try self.store.read({ try $0.certificate(id: id) }) != nil {
                found += 1
            }
        }
        precondition(found == 2 * ids.count, "every seeded id must be found")
        return Double(ids.count) / elapsed.seconds
    }

    /// Latency of `store.read { listCertificates(query) }` over `samples` queries made by `makeQuery`:
    /// wall time, and the calling thread's CPU time (wall time minus preemption on a shared machine).
    func pageLatency(_ makeQuery: (Int) -> CertificateQuery) throws -> PageLatency {
        let clock = ContinuousClock()
        var durations: [Duration] = []
        var cpuTimes: [Duration] = []
        var entries = 0
        for sample in 0..<self.samples {
            _ = try self.store.read { try $0.listCertificates(makeQuery(sample)) }  // warm-up: map the pages
        }
        for sample in 0..<self.samples {
            let query = makeQuery(sample)
            let cpuStart = threadCPUTime()
            let start = clock.now
            let page = try self.store.read { try $0.listCertificates(query) }
            durations.append(clock.now - start)
            cpuTimes.append(threadCPUTime() - cpuStart)
            entries += page.entries.count
        }
        durations.sort()
        cpuTimes.sort()
        func percentile(_ values: [Duration], _ p: Int) -> Duration {
            values[min(values.count - 1, values.count * p / 100)]
        }
        return PageLatency(
            p50: percentile(durations, 50),
            p99: percentile(durations, 99),
            cpuP50: percentile(cpuTimes, 50),
            cpuP99: percentile(cpuTimes, 99),
            entries: entries / self.samples
        )
    }
}

struct PageLatency {
    var p50: Duration
    var p99: Duration
    var cpuP50: Duration
    var cpuP99: Duration
    var entries: Int
}

/// CPU time consumed by the calling thread so far.
func threadCPUTime() -> Duration {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
}

func log(_ message: String) {
    FileHandle.standardError.write(Data("[storebench] \(message)\n".utf8))
}
