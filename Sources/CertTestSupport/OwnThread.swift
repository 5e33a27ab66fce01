import Foundation

/// Runs blocking work (reading a child's pipe, waiting for it to exit) on a thread of its own and
/// resumes the caller when it is done.
///
/// Why: tests run on the task pool, which has one thread per core (two on CI). A test that blocks
/// a pool thread while a child process works stalls every other test for that long, far enough
/// for their network timeouts to fire. A dedicated thread costs nothing the pool needs.
/// - Parameter body: the blocking work.
/// - Returns: what `body` returned.
/// - Throws: what `body` threw.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.name = "test-blocking-work"
        thread.start()
    }
}
