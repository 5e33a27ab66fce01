internal import CLMDB

/// A cursor over one database inside one transaction, alive only inside `LMDBTransaction.withCursor`.
///
/// Role: ordered positioning (`first`, `last`, `seek(atOrAfter:)`, `next`, `previous`); the current
/// key and value are views into the map, valid until the cursor moves or the transaction ends.
/// Invariants: `key`/`value` are only meaningful after a positioning call returned true.
/// Isolation: not `Sendable`; it belongs to its transaction's thread.
package final class LMDBCursor {
    private let cursor: OpaquePointer
    private var currentKey = MDB_val()
    private var currentValue = MDB_val()

    init(cursor: OpaquePointer) {
        self.cursor = cursor
    }

    /// The key at the current position (valid until the cursor moves).
    package var key: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: self.currentKey.mv_data, count: self.currentKey.mv_size)
    }

    /// The value at the current position (valid until the cursor moves).
    package var value: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: self.currentValue.mv_data, count: self.currentValue.mv_size)
    }

    private func move(_ operation: MDB_cursor_op) throws(LMDBError) -> Bool {
        let rc = mdb_cursor_get(self.cursor, &self.currentKey, &self.currentValue, operation)
        if rc == MDB_NOTFOUND {
            return false
        }
        try LMDBError.check(rc)
        return true
    }

    /// Moves to the first entry. - Returns: false if the database is empty.
    package func first() throws(LMDBError) -> Bool { try self.move(MDB_FIRST) }
    /// Moves to the last entry. - Returns: false if the database is empty.
    package func last() throws(LMDBError) -> Bool { try self.move(MDB_LAST) }
    /// Moves to the next entry. - Returns: false past the end.
    package func next() throws(LMDBError) -> Bool { try self.move(MDB_NEXT) }
    /// Moves to the previous entry. - Returns: false before the start.
    package func previous() throws(LMDBError) -> Bool { try self.move(MDB_PREV) }

    /// Moves to the first entry whose key is `>= key` (`MDB_SET_RANGE`).
    /// - Returns: false if every key is smaller.
    package func seek(atOrAfter key: [UInt8]) throws(LMDBError) -> Bool {
        let rc = key.withUnsafeBytes { keyBytes in
            self.currentKey = MDB_val(
                mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
            return mdb_cursor_get(self.cursor, &self.currentKey, &self.currentValue, MDB_SET_RANGE)
        }
        if rc == MDB_NOTFOUND {
            return false
        }
        try LMDBError.check(rc)
        return true
    }
}

@available(*, unavailable)
extension LMDBCursor: Sendable {}
