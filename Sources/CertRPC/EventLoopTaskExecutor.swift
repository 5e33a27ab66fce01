public import NIOCore

/// A `TaskExecutor` that runs task jobs on one NIO event loop.
///
/// Role: lets a caller run its calls on the event loop of the ``RPCClient`` connection that
/// carries them (`withTaskExecutorPreference(executor) { ... }` or
/// `group.addTask(executorPreference: executor) { ... }`), so a call's write and the resumption
/// of the waiting task happen on that loop's thread instead of hopping to the cooperative pool
/// and back (the swift-nio in use, 2.101, has no task executor of its own). The price is the
/// one `Task.immediate` already pays on the server: code between the calls runs on the event
/// loop and delays its I/O, so it suits load generators and thin callers, not heavy work.
/// Invariant: every job is run exactly once, on `eventLoop`'s thread; the loop must outlive the
/// tasks that prefer it (NIO drops work scheduled on a shut-down loop, or crashes in strict mode).
/// Isolation: `Sendable`; holds only the loop.
public final class EventLoopTaskExecutor: TaskExecutor, Sendable {
    /// The loop every job runs on.
    public let eventLoop: any EventLoop

    /// - Parameter eventLoop: the loop to run jobs on.
    public init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        self.eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }

    public func asUnownedTaskExecutor() -> UnownedTaskExecutor {
        UnownedTaskExecutor(ordinary: self)
    }
}
