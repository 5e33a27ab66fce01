/// The due times of one shard of an open-loop run.
///
/// Role: `certload run --rate R` makes call k at `k / R` seconds after the start, whether or not
/// earlier calls answered. The schedule is split into `shards` interleaved shards (one per
/// connection event loop): shard s owns calls s, s + S, s + 2S, ..., so the shards together keep
/// the global schedule exactly, each with its own timer.
/// Invariants: due times of a shard strictly increase; every call index below the horizon belongs
/// to exactly one shard; due times are rounded to whole nanoseconds from the start (no drift).
/// Isolation: plain value.
struct OpenLoopSchedule: Sequence, IteratorProtocol {
    /// Calls per second over all shards.
    let rate: Double
    /// This shard's number, in `0..<shards`.
    let shard: Int
    /// How many shards share the schedule.
    let shards: Int
    /// Calls due at or after this offset from the start are not made.
    let horizon: Duration
    private var index: Int

    /// - Parameters:
    ///   - rate: calls per second, > 0.
    ///   - shard: this shard, in `0..<shards`.
    ///   - shards: at least 1.
    ///   - horizon: the run's length from the start (warm-up included).
    init(rate: Double, shard: Int, of shards: Int, horizon: Duration) {
        precondition(rate > 0 && shards >= 1 && (0..<shards).contains(shard), "invalid open-loop shard")
        self.rate = rate
        self.shard = shard
        self.shards = shards
        self.horizon = horizon
        self.index = shard
    }

    /// Due time of call `index` after the start.
    static func dueOffset(index: Int, rate: Double) -> Duration {
        .nanoseconds(Int64((Double(index) * 1e9 / rate).rounded()))
    }

    /// The next call of this shard: its global index and due offset, or nil past the horizon.
    mutating func next() -> (index: Int, due: Duration)? {
        let due = Self.dueOffset(index: self.index, rate: self.rate)
        guard due < self.horizon else { return nil }
        defer { self.index += self.shards }
        return (self.index, due)
    }
}
