internal import CLMDB

/// A handle to one named database inside an `LMDBEnvironment`.
///
/// Opened once at startup (`mdb_dbi_open` in one write transaction) and valid until the environment closes.
/// A plain value: it only carries the `MDB_dbi` number and the name for diagnostics.
package struct LMDBDatabase: Sendable, Hashable {
    /// The name given at open time.
    package let name: String
    /// LMDB's handle (`MDB_dbi`).
    let handle: MDB_dbi
}
