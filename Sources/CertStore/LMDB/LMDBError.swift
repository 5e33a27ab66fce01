internal import CLMDB

/// What went wrong inside LMDB, translated from its return code at the call site.
///
/// "Not found" is never an error: lookups return `nil` and deletes return `false`. Raw `Int32` codes only
/// appear inside `other(code:message:)`, for codes this store does not expect to see at all.
public enum LMDBError: Error, Equatable, Sendable {
    /// The memory map has no room left for this transaction (`MDB_MAP_FULL`). The transaction was aborted.
    case mapFull
    /// The map is full and may not grow any further; the transaction was aborted and nothing was written.
    /// Raise the configured maximum map size (and make sure the disk has room), or delete data.
    case storageFull(mapSize: Int, maximumMapSize: Int)
    /// A put with "no overwrite" found the key already present (`MDB_KEYEXIST`).
    case keyExists
    /// Every reader slot is taken (`MDB_READERS_FULL`): too many concurrent read transactions.
    case readersFull
    /// The database file is damaged (`MDB_CORRUPTED`, `MDB_PAGE_NOTFOUND`, `MDB_PANIC`).
    case corrupted
    /// The file was written by an incompatible LMDB version or is not an LMDB file
    /// (`MDB_VERSION_MISMATCH`, `MDB_INVALID`, `MDB_INCOMPATIBLE`).
    case versionMismatch
    /// One transaction touched more pages than LMDB allows (`MDB_TXN_FULL`); split the work.
    case transactionFull
    /// The environment was closed; no further transactions can start.
    case environmentClosed
    /// The data directory could not be created or used.
    case directoryUnusable(path: String, reason: String)
    /// Any other LMDB or system error code, with `mdb_strerror`'s text.
    case other(code: Int32, message: String)

    /// Translates an LMDB return code that is known not to be `MDB_SUCCESS` or `MDB_NOTFOUND`.
    init(code: Int32) {
        switch code {
        case MDB_MAP_FULL: self = .mapFull
        case MDB_KEYEXIST: self = .keyExists
        case MDB_READERS_FULL: self = .readersFull
        case MDB_CORRUPTED, MDB_PAGE_NOTFOUND, MDB_PANIC: self = .corrupted
        case MDB_VERSION_MISMATCH, MDB_INVALID, MDB_INCOMPATIBLE: self = .versionMismatch
        case MDB_TXN_FULL: self = .transactionFull
        default: self = .other(code: code, message: String(cString: mdb_strerror(code)))
        }
    }

    /// Throws the translated error unless `code` is `MDB_SUCCESS`.
    static func check(_ code: Int32) throws(LMDBError) {
        if code != MDB_SUCCESS {
            throw LMDBError(code: code)
        }
    }
}

extension LMDBError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .mapFull:
            return "LMDB map is full; the transaction was aborted"
        case .storageFull(let mapSize, let maximumMapSize):
            return "storage full: the LMDB map (\(mapSize) bytes) reached its configured maximum "
                + "(\(maximumMapSize) bytes); nothing was written. Raise the maximum map size or delete data."
        case .keyExists: return "LMDB key already exists"
        case .readersFull: return "LMDB reader table is full (too many concurrent read transactions)"
        case .corrupted: return "LMDB database is corrupted"
        case .versionMismatch: return "LMDB file version mismatch or not an LMDB file"
        case .transactionFull: return "LMDB transaction has too many dirty pages"
        case .environmentClosed: return "LMDB environment is closed"
        case .directoryUnusable(let path, let reason): return "data directory \(path) unusable: \(reason)"
        case .other(let code, let message): return "LMDB error \(code): \(message)"
        }
    }
}
