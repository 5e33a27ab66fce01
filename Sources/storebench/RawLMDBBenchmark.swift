import CLMDB
import Foundation

/// Raw LMDB rates with the record size the store uses: the baseline the port's numbers are compared to.
///
/// A tiny loop straight on the C API (no Swift layer): keys `cert-<16 hex>` formatted by hand, values of
/// `valueSize` bytes, `MDB_NOTLS`, default durable sync.
struct RawLMDBBenchmark {
    struct Result {
        var batchedPutsPerSecond: Double
        var durableCommitsPerSecond: Double
        var getsPerSecondOneTransaction: Double
        var getsPerSecondTransactionPerGet: Double
    }

    let directory: String
    let count: Int
    let valueSize: Int

    static func key(_ n: Int) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        var key = Array("cert-".utf8)
        for shift in stride(from: 60, through: 0, by: -4) {
            key.append(digits[(n >> shift) & 0xF])
        }
        return key
    }

    private static func check(_ rc: Int32, _ what: String) {
        precondition(rc == 0, "\(what) failed: \(String(cString: mdb_strerror(rc)))")
    }

    func run() -> Result {
        try? FileManager.default.createDirectory(atPath: self.directory, withIntermediateDirectories: true)
        var env: OpaquePointer?
        Self.check(mdb_env_create(&env), "mdb_env_create")
        Self.check(mdb_env_set_mapsize(env, 8 << 30), "mdb_env_set_mapsize")
        Self.check(mdb_env_open(env, self.directory, UInt32(MDB_NOTLS), 0o600), "mdb_env_open")
        defer { mdb_env_close(env) }
        var dbi: MDB_dbi = 0
        var txn: OpaquePointer?
        Self.check(mdb_txn_begin(env, nil, 0, &txn), "begin")
        Self.check(mdb_dbi_open(txn, nil, 0, &dbi), "dbi_open")
        Self.check(mdb_txn_commit(txn), "commit")

        let keys = (0..<self.count).map(Self.key)
        var value = [UInt8](repeating: 0xA5, count: self.valueSize)
        let clock = ContinuousClock()

        // Batched puts: 1000 per transaction.
        let putTime = clock.measure {
            var index = 0
            while index < keys.count {
                var txn: OpaquePointer?
                Self.check(mdb_txn_begin(env, nil, 0, &txn), "begin")
                for key in keys[index..<min(index + 1000, keys.count)] {
                    var key = key
                    key.withUnsafeMutableBytes { keyBytes in
                        value.withUnsafeMutableBytes { valueBytes in
                            var k = MDB_val(mv_size: keyBytes.count, mv_data: keyBytes.baseAddress)
                            var v = MDB_val(mv_size: valueBytes.count, mv_data: valueBytes.baseAddress)
                            Self.check(mdb_put(txn, dbi, &k, &v, 0), "put")
                        }
                    }
                }
                Self.check(mdb_txn_commit(txn), "commit")
                index += 1000
            }
        }

        // One durable transaction per put (the cost group commit amortises).
        let commits = 300
        let commitTime = clock.measure {
            for n in 0..<commits {
                var key = Self.key(self.count + n)
                var txn: OpaquePointer?
                Self.check(mdb_txn_begin(env, nil, 0, &txn), "begin")
                key.withUnsafeMutableBytes { keyBytes in
                    value.withUnsafeMutableBytes { valueBytes in
                        var k = MDB_val(mv_size: keyBytes.count, mv_data: keyBytes.baseAddress)
                        var v = MDB_val(mv_size: valueBytes.count, mv_data: valueBytes.baseAddress)
                        Self.check(mdb_put(txn, dbi, &k, &v, 0), "put")
                    }
                }
                Self.check(mdb_txn_commit(txn), "commit")
            }
        }

        var generator = SystemRandomNumberGenerator()
        let lookups = (0..<200_000).map { _ in keys[Int.random(in: 0..<keys.count, using: &generator)] }
        var checksum = 0
        // Random gets, all in one read transaction, each value copied out.
        let oneTxnTime = clock.measure {
            var txn: OpaquePointer?
            Self.check(mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn), "begin")
            for key in lookups {
                var key = key
                var v = MDB_val()
                key.withUnsafeMutableBytes { keyBytes in
                    var k = MDB_val(mv_size: keyBytes.count, mv_data: keyBytes.baseAddress)
                    Self.check(mdb_get(txn, dbi, &k, &v), "get")
                }
                let copy = [UInt8](UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size))
                checksum &+= copy.count
            }
            mdb_txn_abort(txn)
        }
        // Random gets, a new read transaction per get (what a point lookup through the port costs).
        let perGetTime = clock.measure {
            for key in lookups {
                var txn: OpaquePointer?
                Self.check(mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn), "begin")
                var key = key
                var v = MDB_val()
                key.withUnsafeMutableBytes { keyBytes in
                    var k = MDB_val(mv_size: keyBytes.count, mv_data: keyBytes.baseAddress)
                    Self.check(mdb_get(txn, dbi, &k, &v), "get")
                }
                let copy = [UInt8](UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size))
                checksum &+= copy.count
                mdb_txn_abort(txn)
            }
        }
        precondition(checksum > 0)
        return Result(
            batchedPutsPerSecond: Double(self.count) / putTime.seconds,
            durableCommitsPerSecond: Double(commits) / commitTime.seconds,
            getsPerSecondOneTransaction: Double(lookups.count) / oneTxnTime.seconds,
            getsPerSecondTransactionPerGet: Double(lookups.count) / perGetTime.seconds
        )
    }
}

extension RawLMDBBenchmark {
    /// Raw gets on the store's own `certs` table (same records, same file, same B-tree depth): a read
    /// transaction per get plus a copy of the value, the first pass unmeasured (maps the pages).
    /// Run after the store is closed (one environment per directory per process).
    static func getsOnStore(directory: String, ids: [[UInt8]]) -> Double {
        var env: OpaquePointer?
        Self.check(mdb_env_create(&env), "mdb_env_create")
        Self.check(mdb_env_set_maxdbs(env, 32), "mdb_env_set_maxdbs")
        Self.check(mdb_env_open(env, directory, UInt32(MDB_NOTLS | MDB_RDONLY), 0o600), "mdb_env_open")
        defer { mdb_env_close(env) }
        var dbi: MDB_dbi = 0
        var txn: OpaquePointer?
        Self.check(mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn), "begin")
        Self.check(mdb_dbi_open(txn, "certs", 0, &dbi), "dbi_open")
        Self.check(mdb_txn_commit(txn), "commit")
        var checksum = 0
        func pass() {
            for key in ids {
                var txn: OpaquePointer?
                Self.check(mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn), "begin")
                var key = key
                var v = MDB_val()
                key.withUnsafeMutableBytes { keyBytes in
                    var k = MDB_val(mv_size: keyBytes.count, mv_data: keyBytes.baseAddress)
                    Self.check(mdb_get(txn, dbi, &k, &v), "get")
                }
                let copy = [UInt8](UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size))
                checksum &+= copy.count
                mdb_txn_abort(txn)
            }
        }
        pass()
        let elapsed = ContinuousClock().measure { pass() }
        precondition(checksum > 0)
        return Double(ids.count) / elapsed.seconds
    }
}

extension Duration {
    var seconds: Double {
        let parts = self.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
