import Dispatch
import Foundation
import Synchronization

/// The single owner of all service write transactions: a dedicated thread that group-commits.
///
/// Role: `write(_:)` enqueues a synchronous body and suspends. The writer thread takes everything queued
/// (up to `maximumBatchSize`), runs each body in its own nested transaction inside one parent transaction,
/// commits once (durably, unless the environment was opened non-durable) and only then resumes every caller
/// with its own result. A body that throws aborts only its nested transaction; the others still commit.
///
/// Why a thread: LMDB's writer lock is a mutex owned by the thread that began the write transaction, so
/// begin, every put and commit must happen on one thread with no suspension in between. Swift's cooperative
/// pool threads never exit, so a transaction that hopped threads would deadlock the next writer forever.
///
/// Map full: if a batch hits `MDB_MAP_FULL` the whole parent transaction is aborted (nothing half-written),
/// the map is grown (doubling, up to `LMDBConfiguration.maximumMapSize`, while the environment's gate
/// guarantees no transaction is active in this process) and the batch is retried. At the ceiling, the body
/// that overflowed fails with `LMDBError.storageFull` and the rest of the batch is retried without it.
/// Because of that retry, bodies must only act through the transaction they are given (no outside effects).
///
/// Isolation: `Sendable`; the queue is guarded by a `Mutex`, the thread is woken by a semaphore.
package final class LMDBWriter: Sendable {
    private let queue: LMDBWriteQueue

    /// Starts the writer thread for `environment`.
    ///
    /// - Parameters:
    ///   - environment: the environment all writes go to.
    ///   - maximumBatchSize: the most bodies committed together.
    package init(environment: LMDBEnvironment, maximumBatchSize: Int = 256) {
        precondition(maximumBatchSize > 0, "a batch holds at least one write")
        let queue = LMDBWriteQueue(maximumBatchSize: maximumBatchSize)
        self.queue = queue
        let thread = Thread {
            LMDBWriter.run(queue: queue, environment: environment)
        }
        thread.name = "lmdb-writer"
        thread.start()
    }

    deinit {
        self.queue.requestStop()
    }

    /// Runs `body` in a write transaction on the writer thread and returns after its batch committed durably.
    ///
    /// - Parameter body: synchronous work on the transaction; must have no effects outside it (it may be
    ///   re-run if the batch is retried after growing the map).
    /// - Returns: what `body` returned, once durable.
    /// - Throws: what `body` threw (its nested transaction was aborted; the rest of the batch is unaffected),
    ///   `LMDBError.storageFull` if the map cannot grow, `LMDBError.environmentClosed` after `shutdown()`,
    ///   or another `LMDBError` if the commit failed.
    package func write<T: Sendable>(_ body: @escaping @Sendable (LMDBTransaction) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let request = LMDBWriteRequest(body: body, continuation: continuation)
            if !self.queue.enqueue(request) {
                continuation.resume(throwing: LMDBError.environmentClosed)
            }
        }
    }

    /// Stops accepting writes, lets the thread finish everything already queued, and waits until it exited.
    /// Idempotent. Blocks the calling thread for at most the queued batches.
    package func shutdown() {
        self.queue.requestStop()
        self.queue.waitUntilExited()
    }

    /// Commits and write counts so far (for benchmarks and tests).
    package var statistics: LMDBWriterStatistics {
        self.queue.statistics
    }

    // MARK: Writer thread

    private static func run(queue: LMDBWriteQueue, environment: LMDBEnvironment) {
        while let batch = queue.nextBatch() {
            self.process(batch, environment: environment, queue: queue)
        }
        queue.markExited()
    }

    private enum BatchOutcome {
        case committed([LMDBWriteCompletion])
        case mapFull(index: Int)
        case failed(any Error)
    }

    /// Thrown inside the parent transaction to abort it when a body hit `MDB_MAP_FULL`.
    private struct MapFullAbort: Error {
        let index: Int
    }

    private static func process(_ batch: [any LMDBPendingWrite], environment: LMDBEnvironment, queue: LMDBWriteQueue) {
        var items = batch
        while !items.isEmpty {
            switch self.attempt(items, environment: environment) {
            case .committed(let completions):
                queue.recordCommit(writes: completions.count)
                for completion in completions {
                    completion.resume()
                }
                return
            case .mapFull(let index):
                let grown: Int?
                do {
                    grown = try environment.growMap()
                } catch {
                    for item in items {
                        item.fail(error)
                    }
                    return
                }
                if grown != nil {
                    continue
                }
                let full = LMDBError.storageFull(
                    mapSize: environment.mapSize,
                    maximumMapSize: environment.configuration.maximumMapSize
                )
                if index < items.count {
                    items.remove(at: index).fail(full)
                } else {
                    // The parent commit itself overflowed: nobody in this batch can be written.
                    for item in items {
                        item.fail(full)
                    }
                    return
                }
            case .failed(let error):
                for item in items {
                    item.fail(error)
                }
                return
            }
        }
    }

    private static func attempt(_ items: [any LMDBPendingWrite], environment: LMDBEnvironment) -> BatchOutcome {
        do {
            let completions = try environment.runTransaction(.write) { parent in
                var completions: [LMDBWriteCompletion] = []
                completions.reserveCapacity(items.count)
                for (index, item) in items.enumerated() {
                    let completion = item.execute(in: parent)
                    if parent.hitMapFull {
                        throw MapFullAbort(index: index)
                    }
                    completions.append(completion)
                }
                return completions
            }
            return .committed(completions)
        } catch let abort as MapFullAbort {
            return .mapFull(index: abort.index)
        } catch LMDBError.mapFull {
            return .mapFull(index: items.count)
        } catch {
            return .failed(error)
        }
    }
}

/// Counters of an `LMDBWriter`: how many parent transactions committed and how many writes they carried.
package struct LMDBWriterStatistics: Sendable, Equatable {
    /// Parent transactions committed.
    package var commits: Int
    /// Write bodies carried by those commits (successful or failed).
    package var writes: Int
}

/// One queued write, type-erased so bodies with different result types share a batch.
protocol LMDBPendingWrite: Sendable {
    /// Runs the body in a nested transaction of `parent`; the completion resumes the caller after commit.
    func execute(in parent: LMDBTransaction) -> LMDBWriteCompletion
    /// Resumes the caller with `error` (the batch could not commit).
    func fail(_ error: any Error)
}

/// What to tell one caller once its batch committed. Lives only on the writer thread.
struct LMDBWriteCompletion {
    let resume: () -> Void
}

/// A write body plus the continuation of the task awaiting it.
struct LMDBWriteRequest<T: Sendable>: LMDBPendingWrite {
    let body: @Sendable (LMDBTransaction) throws -> T
    let continuation: CheckedContinuation<T, any Error>

    func execute(in parent: LMDBTransaction) -> LMDBWriteCompletion {
        let result: Result<T, any Error>
        do {
            result = .success(try parent.withNestedTransaction(self.body))
        } catch {
            result = .failure(error)
        }
        let continuation = self.continuation
        return LMDBWriteCompletion { continuation.resume(with: result) }
    }

    func fail(_ error: any Error) {
        self.continuation.resume(throwing: error)
    }
}

/// The hand-over point between callers and the writer thread.
///
/// Invariants: `pending` is only touched under the mutex; after `isStopping` is set nothing new is accepted,
/// and the thread exits once `pending` is empty. The semaphore counts wake-ups (spurious ones are harmless).
/// Isolation: `Sendable` via `Mutex`.
final class LMDBWriteQueue: Sendable {
    private struct State: ~Copyable {
        var pending: [any LMDBPendingWrite] = []
        var isStopping = false
        var hasExited = false
        var statistics = LMDBWriterStatistics(commits: 0, writes: 0)
    }

    private let state = Mutex(State())
    private let wakeUp = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)
    let maximumBatchSize: Int

    init(maximumBatchSize: Int) {
        self.maximumBatchSize = maximumBatchSize
    }

    /// - Returns: false if the writer is stopping (the request was not queued).
    func enqueue(_ request: some LMDBPendingWrite) -> Bool {
        let accepted = self.state.withLock { state in
            guard !state.isStopping else { return false }
            state.pending.append(request)
            return true
        }
        if accepted {
            self.wakeUp.signal()
        }
        return accepted
    }

    /// Blocks the writer thread until work is queued. - Returns: `nil` once stopping and drained.
    func nextBatch() -> [any LMDBPendingWrite]? {
        while true {
            let (batch, shouldExit) = self.state.withLock { state -> ([any LMDBPendingWrite], Bool) in
                if state.pending.isEmpty {
                    return ([], state.isStopping)
                }
                let count = min(state.pending.count, self.maximumBatchSize)
                let batch = Array(state.pending.prefix(count))
                state.pending.removeFirst(count)
                return (batch, false)
            }
            if !batch.isEmpty {
                return batch
            }
            if shouldExit {
                return nil
            }
            self.wakeUp.wait()
        }
    }

    func requestStop() {
        self.state.withLock { $0.isStopping = true }
        self.wakeUp.signal()
    }

    func recordCommit(writes: Int) {
        self.state.withLock {
            $0.statistics.commits += 1
            $0.statistics.writes += writes
        }
    }

    var statistics: LMDBWriterStatistics {
        self.state.withLock { $0.statistics }
    }

    func markExited() {
        self.state.withLock { $0.hasExited = true }
        self.exited.signal()
    }

    func waitUntilExited() {
        self.exited.wait()
        // Let any other waiter through as well.
        self.exited.signal()
    }
}
