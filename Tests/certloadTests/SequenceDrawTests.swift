import Testing

@testable import certload

@Suite("sequence draws and scenario mixes")
struct SequenceDrawTests {
    @Test("the same sequence and salt give the same value, always in range")
    func deterministicAndInRange() {
        for sequence in 0..<10_000 {
            let value = SequenceDraw.value(sequence, below: 17)
            #expect((0..<17).contains(value))
            #expect(SequenceDraw.value(sequence, below: 17) == value)
        }
        #expect(SequenceDraw.value(12, below: 1) == 0)
    }

    @Test("consecutive sequences spread evenly over the choices")
    func uniform() {
        var buckets = [Int](repeating: 0, count: 10)
        for sequence in 0..<100_000 { buckets[SequenceDraw.value(sequence, below: 10)] += 1 }
        // 10,000 expected per bucket; a skewed or constant draw is far outside ±4%.
        #expect(buckets.allSatisfy { (9_600...10_400).contains($0) }, "\(buckets)")
    }

    @Test("different salts draw independently for the same call")
    func saltsDiffer() {
        let same = (0..<10_000).filter {
            SequenceDraw.value($0, salt: 0, below: 100) == SequenceDraw.value($0, salt: 1, below: 100)
        }
        #expect(same.count < 200, "about 1% agree by chance, got \(same.count)")
    }

    @Test("a mix picks scenarios in proportion to their weights")
    func mixProportions() throws {
        let mix = try ScenarioMix(parsing: "get=80,list=15,upload=5")
        var counts: [LoadScenario: Int] = [:]
        for sequence in 0..<100_000 { counts[mix.pick(forCall: sequence), default: 0] += 1 }
        #expect((79_000...81_000).contains(counts[.get] ?? 0), "\(counts)")
        #expect((14_300...15_700).contains(counts[.list] ?? 0), "\(counts)")
        #expect((4_600...5_400).contains(counts[.upload] ?? 0), "\(counts)")
        #expect(ScenarioMix(single: .echo).pick(forCall: 41) == .echo)
    }

    @Test("mix parsing names the bad entry", arguments: ["get", "get=0", "nope=3", "mixed=1", "get=1,get=2", ""])
    func badMixes(text: String) {
        #expect(throws: (any Error).self) { try ScenarioMix(parsing: text) }
    }
}
