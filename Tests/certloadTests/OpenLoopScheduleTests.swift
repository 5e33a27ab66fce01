import Testing

@testable import certload

@Suite("open-loop schedule")
struct OpenLoopScheduleTests {
    @Test("call k is due at k / rate, rounded to whole nanoseconds")
    func dueOffsets() {
        #expect(OpenLoopSchedule.dueOffset(index: 0, rate: 200) == .zero)
        #expect(OpenLoopSchedule.dueOffset(index: 1, rate: 200) == .milliseconds(5))
        #expect(OpenLoopSchedule.dueOffset(index: 1_000, rate: 200) == .seconds(5))
        #expect(OpenLoopSchedule.dueOffset(index: 1, rate: 3) == .nanoseconds(333_333_333))
        #expect(OpenLoopSchedule.dueOffset(index: 2, rate: 3) == .nanoseconds(666_666_667))
    }

    @Test("shards together make every call below the horizon exactly once", arguments: [1, 2, 3, 4, 7])
    func shardsCoverTheScheduleOnce(shards: Int) {
        let horizon = Duration.milliseconds(2_500)
        var seen: [Int: Int] = [:]
        for shard in 0..<shards {
            for call in OpenLoopSchedule(rate: 1_000, shard: shard, of: shards, horizon: horizon) {
                seen[call.index, default: 0] += 1
                #expect(call.index % shards == shard)
                #expect(call.due == OpenLoopSchedule.dueOffset(index: call.index, rate: 1_000))
            }
        }
        #expect(seen.count == 2_500, "calls due in [0, 2.5 s) at 1,000/s")
        #expect(Set(seen.keys) == Set(0..<2_500))
        #expect(seen.values.allSatisfy { $0 == 1 })
    }

    @Test("a shard's due times strictly increase and stop before the horizon")
    func dueTimesIncrease() {
        let schedule = Array(OpenLoopSchedule(rate: 10_000, shard: 1, of: 4, horizon: .seconds(1)))
        #expect(schedule.count == 2_500)
        #expect(zip(schedule, schedule.dropFirst()).allSatisfy { $0.due < $1.due })
        #expect(schedule.last.map { $0.due < .seconds(1) } == true)
        #expect(schedule.first?.index == 1)
    }

    @Test("a rate below one call per horizon still makes the call at time zero")
    func slowRate() {
        let schedule = Array(OpenLoopSchedule(rate: 0.5, shard: 0, of: 1, horizon: .seconds(1)))
        #expect(schedule.map(\.index) == [0])
    }
}
