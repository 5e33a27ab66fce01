/// How to open an `LMDBEnvironment`: map sizes, limits, durability and the named databases.
///
/// A plain value; safe to share. The defaults suit the service: a large sparse map (the file only grows with
/// the pages actually used), growth on demand up to a larger ceiling, and fully durable commits.
package struct LMDBConfiguration: Sendable {
    /// Initial size of the memory map in bytes. Sparse: `data.mdb` grows with used pages, not with this.
    package var mapSize: Int
    /// The map may grow (doubling) up to this many bytes when a write batch hits `MDB_MAP_FULL`.
    /// Equal to `mapSize` disables growth.
    package var maximumMapSize: Int
    /// Maximum number of named databases (`mdb_env_set_maxdbs`).
    package var maximumDatabases: Int
    /// Maximum number of concurrently open read transactions (`mdb_env_set_maxreaders`).
    package var maximumReaders: Int
    /// Names of the databases opened (and created if missing) once at startup.
    package var databaseNames: [String]
    /// When false, commits skip `fsync` (`MDB_NOSYNC`): fast but not durable. Only for seeding benchmarks.
    package var isDurable: Bool

    /// - Parameters:
    ///   - databaseNames: the named databases to open or create.
    ///   - mapSize: initial map size in bytes; 8 GiB by default.
    ///   - maximumMapSize: growth ceiling in bytes; 64 GiB by default (never below `mapSize`).
    ///   - maximumDatabases: `mdb_env_set_maxdbs`; at least the number of names.
    ///   - maximumReaders: `mdb_env_set_maxreaders`; 512 by default.
    ///   - isDurable: sync on every commit (default true).
    package init(
        databaseNames: [String],
        mapSize: Int = 8 << 30,
        maximumMapSize: Int = 64 << 30,
        maximumDatabases: Int = 32,
        maximumReaders: Int = 512,
        isDurable: Bool = true
    ) {
        self.databaseNames = databaseNames
        self.mapSize = mapSize
        self.maximumMapSize = max(mapSize, maximumMapSize)
        self.maximumDatabases = max(maximumDatabases, databaseNames.count)
        self.maximumReaders = maximumReaders
        self.isDurable = isDurable
    }
}
