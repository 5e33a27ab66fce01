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
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes the waiter, or remembers the signal for the next ``wait(upTo:)``.
    public func signal() {
        let waiter = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.isPending = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns after a signal, after `duration`, or when the task is cancelled, whichever is first.
    /// - Parameter duration: the longest wait.
    public func wait(upTo duration: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Task.sleep(for: duration)
                if !Task.isCancelled { self.signal() }
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let resumeNow = self.state.withLock { state -> Bool in
                        if state.isPending || Task.isCancelled {
                            state.isPending = false
                            return true
                        }
                        state.waiter = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            } onCancel: {
                self.signal()
            }
            self.state.withLock { $0.isPending = false }
            group.cancelAll()
        }
    }
}
