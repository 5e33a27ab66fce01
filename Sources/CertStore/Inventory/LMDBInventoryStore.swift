public import CertDomain

/// The inventory on LMDB: certd's ``InventoryStore`` implementation.
///
/// Role: opened once at startup on the data directory; the domain reads through `read` (concurrent LMDB
/// snapshots that never wait for the writer) and writes through `write` (a dedicated writer thread that
/// group-commits concurrent callers and answers each only after the durable commit).
/// Invariants: all secondary indexes change in the same transaction as their record; the `meta` table
/// records the schema version (refused at open if unknown); one instance per directory per process.
/// Isolation: `Sendable`; any task may call `read` and `write` concurrently. Call `close()` before opening
/// the same directory again.
public final class LMDBInventoryStore: InventoryStore {
    /// Sizing and durability of the store.
    public struct Configuration: Sendable {
        /// Initial map size in bytes (sparse; the file grows with use). Default 8 GiB.
        public var mapSize: Int
        /// The map grows on demand up to this many bytes; beyond it writes fail with `storageFull`.
        /// Default 64 GiB.
        public var maximumMapSize: Int
        /// Maximum concurrent read transactions. Default 512.
        public var maximumReaders: Int
        /// Sync every commit to disk (default). Turn off only to seed benchmark data quickly.
        public var isDurable: Bool
        /// The most writes the writer commits together. Default 256.
        public var maximumBatchSize: Int
        /// See `LMDBInventoryTransaction.gatherLimit`; tests lower it to exercise both listing plans.
        package var listingGatherLimit = 4096

        public init(
            mapSize: Int = 8 << 30,
            maximumMapSize: Int = 64 << 30,
            maximumReaders: Int = 512,
            isDurable: Bool = true,
            maximumBatchSize: Int = 256
        ) {
            self.mapSize = mapSize
            self.maximumMapSize = maximumMapSize
            self.maximumReaders = maximumReaders
            self.isDurable = isDurable
            self.maximumBatchSize = maximumBatchSize
        }
    }

    /// The schema this release writes and reads.
    static let schemaVersion: UInt64 = 1

    let environment: LMDBEnvironment
    let writer: LMDBWriter
    let tables: InventoryTables
    let gatherLimit: Int

    /// Opens (creating if needed) the inventory in `directory`.
    ///
    /// - Parameters:
    ///   - directory: the data directory (created if missing); holds `data.mdb` and `lock.mdb`.
    ///   - configuration: map sizes, readers, durability, batch size.
    /// - Throws: ``InventoryStoreError/unavailable(reason:)`` if LMDB cannot open the directory or the
    ///   stored schema version is not one this release knows.
    public init(directory: String, configuration: Configuration = Configuration()) throws {
        let environment: LMDBEnvironment
        do {
            environment = try LMDBEnvironment(
                directory: directory,
                configuration: LMDBConfiguration(
                    databaseNames: InventoryTables.names,
                    mapSize: configuration.mapSize,
                    maximumMapSize: configuration.maximumMapSize,
                    maximumReaders: configuration.maximumReaders,
                    isDurable: configuration.isDurable
                )
            )
        } catch {
            throw InventoryStoreError.unavailable(reason: error.description)
        }
        let tables = InventoryTables(environment: environment)
        do {
            try Self.checkSchema(environment: environment, tables: tables)
        } catch {
            environment.close()
            throw error
        }
        self.environment = environment
        self.tables = tables
        self.gatherLimit = configuration.listingGatherLimit
        self.writer = LMDBWriter(environment: environment, maximumBatchSize: configuration.maximumBatchSize)
    }

    private static func checkSchema(environment: LMDBEnvironment, tables: InventoryTables) throws {
        let key = Array("schemaVersion".utf8)
        do {
            try environment.runTransaction(.write) { transaction in
                if let stored = try transaction.get(tables.meta, key) {
                    let version = stored.withUnsafeBytes { StoreKey.decodeSequence($0) }
                    guard version == Self.schemaVersion else {
                        throw InventoryStoreError.unavailable(
                            reason: "unsupported inventory schema version \(version.map(String.init) ?? "?") "
                                + "(this release reads version \(Self.schemaVersion))"
                        )
                    }
                } else {
                    try transaction.put(tables.meta, key, StoreKey.sequence(Self.schemaVersion))
                }
            }
        } catch let error as LMDBError {
            throw LMDBInventoryTransaction.portError(error)
        }
    }

    deinit {
        self.writer.shutdown()
        self.environment.close()
    }

    /// Finishes queued writes, stops the writer thread and closes LMDB. Idempotent; later calls to
    /// `read`/`write` fail with ``InventoryStoreError/unavailable(reason:)``. Blocks briefly (the queued
    /// batches); call it at shutdown, before reopening the directory.
    public func close() {
        self.writer.shutdown()
        self.environment.close()
    }

    public func read<T>(_ body: (any InventoryReader) throws -> T) throws -> T {
        do {
            return try self.environment.runTransaction(.read) { transaction in
                try body(
                    LMDBInventoryTransaction(
                        transaction: transaction, tables: self.tables, gatherLimit: self.gatherLimit))
            }
        } catch let error as LMDBError {
            throw LMDBInventoryTransaction.portError(error)
        }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any InventoryWriter) throws -> T) async throws -> T {
        let tables = self.tables
        let gatherLimit = self.gatherLimit
        do {
            return try await self.writer.write { transaction in
                try body(LMDBInventoryTransaction(transaction: transaction, tables: tables, gatherLimit: gatherLimit))
            }
        } catch let error as LMDBError {
            throw LMDBInventoryTransaction.portError(error)
        }
    }
}

extension LMDBInventoryStore {
    /// The size in bytes of `entry`'s stored record (for benchmarks and capacity planning: values over
    /// about 2 KB take overflow pages).
    package static func recordSize(of entry: CertificateEntry) -> Int {
        entry.encodeRecord().count
    }
}
