import Synchronization

/// A coalescing signal from the deployment API to the runner: "a job was created, look now".
///
/// Role: lets the runner sleep until the next retry is due and still start a new job at once.
/// Invariants: signals that arrive while nobody waits are remembered (once), so a job created
/// between two passes is never missed; at most one waiter at a time (the runner).
/// Isolation: a `Mutex` guards the flag and the waiter; callable from any task.
public final class DeploymentWakeup: Sendable {
    private struct State {
        var isPending = false
        var waiter: CheckedContinuation<Bool, Never>?
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes the waiter, or remembers the signal for the next ``wait(upTo:)``.
    public func signal() {
        let waiter = self.state.withLock { state -> CheckedContinuation<Bool, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.isPending = true
            return nil
        }
        waiter?.resume(returning: true)
    }

    /// Ends the current wait without a signal (its bound passed or its task was cancelled).
    private func expire() {
        let waiter = self.state.withLock { state -> CheckedContinuation<Bool, Never>? in
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: false)
    }

    /// Returns after a signal, after `duration`, or when the task is cancelled, whichever is first.
    /// - Parameter duration: the longest wait.
    /// - Returns: true when a signal (possibly one sent before the call) ended the wait.
    @discardableResult
    public func wait(upTo duration: Duration) async -> Bool {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Task.sleep(for: duration)
                if !Task.isCancelled { self.expire() }
            }
            let signalled = await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                    let immediate = self.state.withLock { state -> Bool? in
                        if state.isPending {
                            state.isPending = false
                            return true
                        }
                        if Task.isCancelled { return false }
                        state.waiter = continuation
                        return nil
                    }
                    if let immediate { continuation.resume(returning: immediate) }
                }
            } onCancel: {
                self.expire()
            }
            group.cancelAll()
            return signalled
        }
    }
}
