#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A reader-writer lock that keeps transactions and map remapping (resize, close) apart.
///
/// Every transaction holds the gate *shared* for its whole (synchronous) lifetime; growing the map with
/// `mdb_env_set_mapsize` and closing the environment hold it *exclusive*. LMDB requires that no transaction
/// is active in the process while the map is resized, because the resize remaps memory that live
/// transactions point into. Shared holders never wait for each other, so reads stay concurrent.
///
/// glibc's default rwlock prefers readers, so a thread that already holds the gate shared may take it shared
/// again (a read inside a read) without deadlocking behind a waiting resize; a resize waits until the
/// (short, synchronous) transactions drain.
///
/// Isolation: `@unchecked Sendable` because it wraps a heap-allocated `pthread_rwlock_t` whose address never
/// changes and which is itself thread-safe; it is destroyed only in `deinit`, when nobody can hold it.
final class LMDBTransactionGate: @unchecked Sendable {
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    init() {
        self.lock = .allocate(capacity: 1)
        let rc = pthread_rwlock_init(self.lock, nil)
        precondition(rc == 0, "pthread_rwlock_init failed: \(rc)")
    }

    deinit {
        pthread_rwlock_destroy(self.lock)
        self.lock.deallocate()
    }

    /// Runs `body` holding the gate shared (a transaction's lifetime).
    func withShared<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        pthread_rwlock_rdlock(self.lock)
        defer { pthread_rwlock_unlock(self.lock) }
        return try body()
    }

    /// Runs `body` holding the gate exclusively (resize or close: no transaction is active meanwhile).
    func withExclusive<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        pthread_rwlock_wrlock(self.lock)
        defer { pthread_rwlock_unlock(self.lock) }
        return try body()
    }
}
