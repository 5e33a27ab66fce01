internal import CLMDB

/// One LMDB transaction, alive only inside the closure it was handed to.
///
/// Role: get/put/delete and cursors on named databases; nested child transactions for group commit.
/// Invariants: the `MDB_txn*` is valid until the owner commits or aborts it (exactly once, done by the
/// scope that created it). Buffers passed to closures point into the map and are valid only during the
/// closure; `get` copies. While a child transaction is open, the parent must not be used (LMDB rule).
/// Isolation: not `Sendable`; it belongs to the thread running the transaction's scope.
package final class LMDBTransaction {
    let txn: OpaquePointer
    private let env: OpaquePointer
    /// Whether this transaction may write.
    package let mode: LMDBTransactionMode
    /// Set when any operation in this transaction (or a child) returned `MDB_MAP_FULL`, so the writer can grow
    /// the map and retry even if a body converted the error into its own.
    private(set) var hitMapFull = false
    private weak var parent: LMDBTransaction?
    private var isFinished = false

    private init(txn: OpaquePointer, env: OpaquePointer, mode: LMDBTransactionMode, parent: LMDBTransaction?) {
        self.txn = txn
        self.env = env
        self.mode = mode
        self.parent = parent
    }

    static func begin(env: OpaquePointer, parent: LMDBTransaction?, mode: LMDBTransactionMode) throws(LMDBError)
        -> LMDBTransaction
    {
        var handle: OpaquePointer?
        let flags = mode == .read ? UInt32(MDB_RDONLY) : 0
        try LMDBError.check(mdb_txn_begin(env, parent?.txn, flags, &handle))
        guard let txn = handle else { throw LMDBError.other(code: -1, message: "mdb_txn_begin returned no txn") }
        return LMDBTransaction(txn: txn, env: env, mode: mode, parent: parent)
    }

    func commit() throws(LMDBError) {
        precondition(!self.isFinished, "transaction finished twice")
        self.isFinished = true
        let rc = mdb_txn_commit(self.txn)
        if rc != MDB_SUCCESS {
            self.noteFailure(rc)
            throw LMDBError(code: rc)
        }
    }

    func abort() {
        precondition(!self.isFinished, "transaction finished twice")
        self.isFinished = true
        mdb_txn_abort(self.txn)
    }

    private func noteFailure(_ code: Int32) {
        if code == MDB_MAP_FULL {
            var transaction: LMDBTransaction? = self
            while let current = transaction {
                current.hitMapFull = true
                transaction = current.parent
            }
        }
    }

    private func check(_ code: Int32) throws(LMDBError) {
        if code != MDB_SUCCESS {
            self.noteFailure(code)
            throw LMDBError(code: code)
        }
    }

    /// Runs `body` in a child transaction: its writes join this transaction if `body` returns and are
    /// discarded if it throws; this transaction stays usable either way.
    ///
    /// - Parameter body: the work of the child transaction.
    /// - Returns: what `body` returned.
    /// - Throws: what `body` threw (after aborting the child), or `LMDBError` from begin/commit.
    package func withNestedTransaction<T>(_ body: (LMDBTransaction) throws -> T) throws -> T {
        precondition(self.mode == .write, "nested transactions need a write transaction")
        let child = try LMDBTransaction.begin(env: self.env, parent: self, mode: .write)
        let result: T
        do {
            result = try body(child)
        } catch {
            child.abort()
            throw error
        }
        try child.commit()
        return result
    }

    // MARK: Point operations

    /// Reads a value without copying it: `body` sees the bytes in the map.
    ///
    /// - Parameters:
    ///   - database: the table.
    ///   - key: the key bytes.
    ///   - body: decodes the value; the buffer is only valid during the call.
    /// - Returns: `body`'s result, or `nil` if the key is absent.
    /// - Throws: `LMDBError`, or what `body` threw.
    package func withValue<R>(
        in database: LMDBDatabase,
        forKey key: [UInt8],
        _ body: (UnsafeRawBufferPointer) throws -> R
    ) throws -> R? {
        var value = MDB_val()
        let rc = key.withUnsafeBytes { keyBytes in
            var keyValue = MDB_val(
                mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
            return mdb_get(self.txn, database.handle, &keyValue, &value)
        }
        if rc == MDB_NOTFOUND {
            return nil
        }
        try self.check(rc)
        return try body(UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size))
    }

    /// Reads a value, copied out of the map.
    ///
    /// - Returns: the value bytes, or `nil` if the key is absent.
    /// - Throws: `LMDBError`.
    package func get(_ database: LMDBDatabase, _ key: [UInt8]) throws(LMDBError) -> [UInt8]? {
        var value = MDB_val()
        let rc = key.withUnsafeBytes { keyBytes in
            var keyValue = MDB_val(
                mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
            return mdb_get(self.txn, database.handle, &keyValue, &value)
        }
        if rc == MDB_NOTFOUND {
            return nil
        }
        try self.check(rc)
        return Array(UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size))
    }

    /// Whether `key` is present.
    package func contains(_ database: LMDBDatabase, _ key: [UInt8]) throws(LMDBError) -> Bool {
        var value = MDB_val()
        let rc = key.withUnsafeBytes { keyBytes in
            var keyValue = MDB_val(
                mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
            return mdb_get(self.txn, database.handle, &keyValue, &value)
        }
        if rc == MDB_NOTFOUND {
            return false
        }
        try self.check(rc)
        return true
    }

    /// Stores `value` under `key`.
    ///
    /// - Parameters:
    ///   - overwrite: when false, an existing key is refused with `LMDBError.keyExists` (`MDB_NOOVERWRITE`).
    /// - Throws: `LMDBError` (`mapFull` when the map has no room).
    package func put(_ database: LMDBDatabase, _ key: [UInt8], _ value: [UInt8], overwrite: Bool = true)
        throws(LMDBError)
    {
        let flags = overwrite ? 0 : UInt32(MDB_NOOVERWRITE)
        let rc = key.withUnsafeBytes { keyBytes in
            value.withUnsafeBytes { valueBytes in
                var keyValue = MDB_val(
                    mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
                var dataValue = MDB_val(
                    mv_size: valueBytes.count,
                    mv_data: UnsafeMutableRawPointer(mutating: valueBytes.baseAddress)
                )
                return mdb_put(self.txn, database.handle, &keyValue, &dataValue, flags)
            }
        }
        try self.check(rc)
    }

    /// Deletes `key`.
    ///
    /// - Returns: false if the key was absent (not an error).
    /// - Throws: `LMDBError`.
    @discardableResult
    package func delete(_ database: LMDBDatabase, _ key: [UInt8]) throws(LMDBError) -> Bool {
        let rc = key.withUnsafeBytes { keyBytes in
            var keyValue = MDB_val(
                mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
            return mdb_del(self.txn, database.handle, &keyValue, nil)
        }
        if rc == MDB_NOTFOUND {
            return false
        }
        try self.check(rc)
        return true
    }

    /// Number of entries in `database` as of this transaction.
    package func entryCount(_ database: LMDBDatabase) throws(LMDBError) -> Int {
        var stat = MDB_stat()
        try self.check(mdb_stat(self.txn, database.handle, &stat))
        return stat.ms_entries
    }

    /// Runs `body` with a cursor over `database`; the cursor is closed when `body` ends.
    package func withCursor<R>(_ database: LMDBDatabase, _ body: (LMDBCursor) throws -> R) throws -> R {
        var handle: OpaquePointer?
        try self.check(mdb_cursor_open(self.txn, database.handle, &handle))
        guard let cursor = handle else { throw LMDBError.other(code: -1, message: "mdb_cursor_open returned nil") }
        defer { mdb_cursor_close(cursor) }
        return try body(LMDBCursor(cursor: cursor))
    }
}

@available(*, unavailable)
extension LMDBTransaction: Sendable {}
