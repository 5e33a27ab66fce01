public import Foundation
import Synchronization

/// The source of wall-clock time for the domain (creation times, expiry status, audit times).
///
/// Role: injected so tests move time instead of sleeping. Certificate validity is wall time, so a
/// monotonic `Clock` does not do; schedulers (issue 7) may pair this with an `any Clock<Duration>`.
/// Invariant: ``now()`` returns whole milliseconds (implementations truncate).
public protocol WallClock: Sendable {
    /// The current time, whole milliseconds.
    func now() -> Date
}

/// The system's wall clock, truncated to milliseconds.
///
/// Isolation: stateless, callable from anywhere.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date().truncatedToMilliseconds }
}

/// A wall clock that moves only when told: for tests.
///
/// Isolation: a `Mutex` guards the current time, so tests may advance it from any task.
public final class ManualWallClock: WallClock {
    private let current: Mutex<Date>

    /// - Parameter start: the initial time (truncated to milliseconds).
    public init(start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        self.current = Mutex(start.truncatedToMilliseconds)
    }

    public func now() -> Date { self.current.withLock { $0 } }

    /// Moves the clock forward (or backward, for a negative interval).
    /// - Parameter interval: seconds to add.
    public func advance(by interval: TimeInterval) {
        self.current.withLock { $0 = $0.addingTimeInterval(interval).truncatedToMilliseconds }
    }

    /// Sets the clock to `date` (truncated to milliseconds).
    public func set(_ date: Date) {
        self.current.withLock { $0 = date.truncatedToMilliseconds }
    }
}
