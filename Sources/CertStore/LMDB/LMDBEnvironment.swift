internal import CLMDB
import Foundation

/// Whether a transaction may write.
package enum LMDBTransactionMode: Sendable {
    /// A read-only snapshot (`MDB_RDONLY`); any number run concurrently and never wait for the writer.
    case read
    /// The single write transaction. LMDB's writer lock belongs to the thread that began it.
    case write
}

/// An open LMDB environment: one data directory, one memory map, its named databases.
///
/// Role: owns the `MDB_env*`; hands out scoped transactions (`withTransaction`) and database handles.
/// Service writes go through an `LMDBWriter` (one dedicated thread, group commit); direct write transactions
/// via `withTransaction(.write, ...)` are for startup, tools and benchmarks.
///
/// Invariants: the `MDB_env*` is valid from `init` until `close()`; every transaction runs while holding
/// `gate` shared, and `close()`/map growth hold it exclusive, so neither ever races a live transaction.
/// Opened with `MDB_NOTLS`, so read transactions may start on one thread and end on another, and one thread
/// may hold several. A directory must be opened by at most one `LMDBEnvironment` per process.
///
/// Isolation: `@unchecked Sendable` because it wraps a C handle; the invariants above (LMDB's own
/// thread-safety for `MDB_NOTLS` readers plus the gate) make concurrent use safe. `isClosed` is only written
/// under the exclusive gate and read under the shared gate.
package final class LMDBEnvironment: @unchecked Sendable {
    private let env: OpaquePointer
    private let gate = LMDBTransactionGate()
    private var isClosed = false
    private let databasesByName: [String: LMDBDatabase]
    /// The configuration the environment was opened with.
    package let configuration: LMDBConfiguration
    /// The data directory (holds `data.mdb` and `lock.mdb`).
    package let directory: String

    /// Opens (creating if missing) the environment in `directory` and opens or creates its named databases.
    ///
    /// - Parameters:
    ///   - directory: the data directory; created (with intermediate directories) if missing.
    ///   - configuration: map sizes, limits, database names, durability.
    /// - Throws: `LMDBError` if the directory cannot be created or LMDB refuses to open it.
    package init(directory: String, configuration: LMDBConfiguration) throws(LMDBError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw LMDBError.directoryUnusable(path: directory, reason: "\(error)")
        }
        var handle: OpaquePointer?
        try LMDBError.check(mdb_env_create(&handle))
        guard let env = handle else { throw LMDBError.other(code: -1, message: "mdb_env_create returned no env") }
        do {
            try LMDBError.check(mdb_env_set_mapsize(env, configuration.mapSize))
            try LMDBError.check(mdb_env_set_maxdbs(env, MDB_dbi(configuration.maximumDatabases)))
            try LMDBError.check(mdb_env_set_maxreaders(env, UInt32(configuration.maximumReaders)))
            var flags = UInt32(MDB_NOTLS)
            if !configuration.isDurable {
                flags |= UInt32(MDB_NOSYNC)
            }
            try LMDBError.check(mdb_env_open(env, directory, flags, 0o600))
            self.databasesByName = try Self.openDatabases(env: env, names: configuration.databaseNames)
        } catch {
            mdb_env_close(env)
            throw error
        }
        self.env = env
        self.configuration = configuration
        self.directory = directory
    }

    deinit {
        self.close()
    }

    private static func openDatabases(env: OpaquePointer, names: [String]) throws(LMDBError) -> [String: LMDBDatabase] {
        var txn: OpaquePointer?
        try LMDBError.check(mdb_txn_begin(env, nil, 0, &txn))
        var result: [String: LMDBDatabase] = [:]
        for name in names {
            var dbi: MDB_dbi = 0
            let rc = mdb_dbi_open(txn, name, UInt32(MDB_CREATE), &dbi)
            guard rc == MDB_SUCCESS else {
                mdb_txn_abort(txn)
                throw LMDBError(code: rc)
            }
            result[name] = LMDBDatabase(name: name, handle: dbi)
        }
        try LMDBError.check(mdb_txn_commit(txn))
        return result
    }

    /// The handle of a database named in the configuration.
    ///
    /// - Parameter name: one of `configuration.databaseNames`; anything else is a programmer error.
    /// - Returns: the database handle.
    package func database(_ name: String) -> LMDBDatabase {
        guard let database = self.databasesByName[name] else {
            preconditionFailure("database \(name) was not named in LMDBConfiguration.databaseNames")
        }
        return database
    }

    /// Runs `body` in one transaction: commits if it returns, aborts if it throws.
    ///
    /// Synchronous on purpose: an LMDB write transaction must begin and end on the same thread with no
    /// suspension in between (the writer lock is thread-owned). Values handed to `body` point into the map
    /// and must be copied before `body` returns; nothing outlives the transaction.
    ///
    /// - Parameters:
    ///   - mode: `.read` for a snapshot, `.write` for the (blocking, process-wide single) write transaction.
    ///   - body: the work; its return value is the result.
    /// - Returns: what `body` returned, after a successful commit.
    /// - Throws: what `body` threw (after aborting), or `LMDBError` from begin/commit.
    @available(*, noasync, message: "LMDB transactions must not span suspension points")
    package func withTransaction<T>(_ mode: LMDBTransactionMode, _ body: (LMDBTransaction) throws -> T) throws -> T {
        try self.runTransaction(mode, body)
    }

    /// `withTransaction` without the `noasync` marker, for the writer thread and other synchronous callers.
    func runTransaction<T>(_ mode: LMDBTransactionMode, _ body: (LMDBTransaction) throws -> T) throws -> T {
        try self.gate.withShared {
            guard !self.isClosed else { throw LMDBError.environmentClosed }
            let transaction = try LMDBTransaction.begin(env: self.env, parent: nil, mode: mode)
            let result: T
            do {
                result = try body(transaction)
            } catch {
                transaction.abort()
                throw error
            }
            try transaction.commit()
            return result
        }
    }

    /// The current size of the memory map in bytes.
    package var mapSize: Int {
        self.gate.withShared {
            guard !self.isClosed else { return 0 }
            var info = MDB_envinfo()
            mdb_env_info(self.env, &info)
            return info.me_mapsize
        }
    }

    /// Doubles the map size, capped at `configuration.maximumMapSize`, while no transaction is active.
    ///
    /// Called by the writer after it aborted a batch that hit `MDB_MAP_FULL`. The exclusive gate waits until
    /// every read transaction of this process has ended, so no reader points into the old mapping.
    /// - Returns: the new map size, or `nil` if the map is already at its maximum.
    /// - Throws: `LMDBError` if LMDB refuses the new size or the environment is closed.
    func growMap() throws(LMDBError) -> Int? {
        try self.gate.withExclusive { () throws(LMDBError) -> Int? in
            guard !self.isClosed else { throw LMDBError.environmentClosed }
            var info = MDB_envinfo()
            mdb_env_info(self.env, &info)
            let current = info.me_mapsize
            guard current < self.configuration.maximumMapSize else { return nil }
            let grown = min(self.configuration.maximumMapSize, max(current * 2, current + (1 << 20)))
            try LMDBError.check(mdb_env_set_mapsize(self.env, grown))
            return grown
        }
    }

    /// Closes the environment after every running transaction has ended. Idempotent; later transactions
    /// throw `LMDBError.environmentClosed`. Stop the `LMDBWriter` first so no write is cut off.
    package func close() {
        self.gate.withExclusive {
            guard !self.isClosed else { return }
            self.isClosed = true
            mdb_env_close(self.env)
        }
    }
}
