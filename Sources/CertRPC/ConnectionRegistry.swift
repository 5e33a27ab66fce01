import NIOCore
import Synchronization

/// The server's open connections, for the connection cap and for graceful drain.
///
/// Role: touched on accept and on close only (never per call), so its `Mutex` is off the hot path.
/// Invariant: once `isClosedForNew` is set, `add` refuses every channel; waiters for "empty" are
/// resumed exactly once, when the last connection is removed.
/// Isolation: `Sendable` through its `Mutex`.
final class ConnectionRegistry: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var isClosedForNew = false
        var emptyWaiters: [CheckedContinuation<Void, Never>] = []
        var nextConnectionNumber: UInt64 = 1
    }

    private let state = Mutex(State())

    /// Registers an accepted channel.
    /// - Returns: its connection number, or `nil` when the cap is reached or the server drains.
    func add(_ channel: any Channel, limit: Int?) -> UInt64? {
        self.state.withLock { state in
            guard !state.isClosedForNew, state.channels.count < (limit ?? Int.max) else { return nil }
            state.channels[ObjectIdentifier(channel)] = channel
            defer { state.nextConnectionNumber += 1 }
            return state.nextConnectionNumber
        }
    }

    func remove(_ channel: any Channel) {
        let waiters = self.state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.channels[ObjectIdentifier(channel)] = nil
            guard state.channels.isEmpty else { return [] }
            defer { state.emptyWaiters.removeAll() }
            return state.emptyWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Refuses new connections from now on and returns the open ones.
    func closeForNew() -> [any Channel] {
        self.state.withLock { state in
            state.isClosedForNew = true
            return Array(state.channels.values)
        }
    }

    var openChannels: [any Channel] {
        self.state.withLock { Array($0.channels.values) }
    }

    /// Returns once no connection is open.
    func waitUntilEmpty() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isEmpty = self.state.withLock { state -> Bool in
                if state.channels.isEmpty { return true }
                state.emptyWaiters.append(continuation)
                return false
            }
            if isEmpty { continuation.resume() }
        }
    }
}
