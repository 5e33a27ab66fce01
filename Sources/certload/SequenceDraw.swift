/// Picks a pseudo-random value for a call from its sequence number.
///
/// Role: which seeded id a `get` reads and which scenario a mixed run makes. Each call has a
/// distinct sequence number, so hashing it spreads calls evenly without a random number generator:
/// `SystemRandomNumberGenerator` costs a `getrandom(2)` system call per draw on Linux, which the
/// open-loop profile showed as 1.4 system calls per call in the load generator's own loop.
/// Invariants: the same (sequence, salt, bound) always gives the same value, in `0..<bound`.
/// Isolation: pure functions.
enum SequenceDraw {
    /// A value in `0..<bound` drawn from `sequence` (SplitMix64's output function; the modulo bias is
    /// below 2^-40 for any bound a load run uses).
    /// - Parameters:
    ///   - sequence: the call's sequence number.
    ///   - salt: separates independent draws for the same call (scenario vs id).
    ///   - bound: the number of choices, at least 1.
    static func value(_ sequence: Int, salt: UInt64 = 0, below bound: Int) -> Int {
        precondition(bound >= 1, "a draw needs at least one choice")
        var z = UInt64(bitPattern: Int64(sequence)) &+ salt &* 0xD1B5_4A32_D192_ED03 &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(bound))
    }
}
