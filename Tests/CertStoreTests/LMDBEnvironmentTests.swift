import CertTestSupport
import Testing

@testable import CertStore

@Suite("LMDBEnvironment")
struct LMDBEnvironmentTests {
    static func open(_ directory: String, mapSize: Int = 8 << 20, maximumMapSize: Int? = nil) throws -> LMDBEnvironment
    {
        try LMDBEnvironment(
            directory: directory + "/env",
            configuration: LMDBConfiguration(
                databaseNames: ["t"], mapSize: mapSize, maximumMapSize: maximumMapSize ?? mapSize)
        )
    }

    static func key(_ value: Int) -> [UInt8] {
        var key = StoreKey()
        key.append(UInt64(value))
        return key.bytes
    }

    @Test("put, get, delete; not found is nil, not an error")
    func pointOperations() throws {
        try withTemporaryDirectory { directory in
            let env = try Self.open(directory)
            let table = env.database("t")
            try env.withTransaction(.write) { txn in
                try txn.put(table, [1], [10, 11])
                try txn.put(table, [2], [20])
            }
            let (one, three, count) = try env.withTransaction(.read) { txn in
                (try txn.get(table, [1]), try txn.get(table, [3]), try txn.entryCount(table))
            }
            #expect(one == [10, 11])
            #expect(three == nil)
            #expect(count == 2)
            let deleted = try env.withTransaction(.write) { txn in
                (try txn.delete(table, [1]), try txn.delete(table, [9]))
            }
            #expect(deleted == (true, false))
            #expect(try env.withTransaction(.read) { try $0.get(table, [1]) } == nil)
        }
    }

    @Test("no-overwrite put of an existing key throws keyExists")
    func keyExists() throws {
        try withTemporaryDirectory { directory in
            let env = try Self.open(directory)
            let table = env.database("t")
            #expect(throws: LMDBError.keyExists) {
                try env.withTransaction(.write) { txn in
                    try txn.put(table, [1], [1], overwrite: false)
                    try txn.put(table, [1], [2], overwrite: false)
                }
            }
            #expect(try env.withTransaction(.read) { try $0.get(table, [1]) } == nil)
        }
    }

    struct Boom: Error {}

    @Test("a throwing body aborts: nothing it wrote remains")
    func abortOnThrow() throws {
        try withTemporaryDirectory { directory in
            let env = try Self.open(directory)
            let table = env.database("t")
            #expect(throws: Boom.self) {
                try env.withTransaction(.write) { txn in
                    try txn.put(table, [1], [1])
                    throw Boom()
                }
            }
            #expect(try env.withTransaction(.read) { try $0.entryCount(table) } == 0)
        }
    }

    @Test("a nested transaction that throws is undone; the parent's other writes commit")
    func nestedTransactions() throws {
        try withTemporaryDirectory { directory in
            let env = try Self.open(directory)
            let table = env.database("t")
            try env.withTransaction(.write) { txn in
                try txn.put(table, [1], [1])
                _ = try? txn.withNestedTransaction { child in
                    try child.put(table, [2], [2])
                    throw Boom()
                }
                let seen = try txn.withNestedTransaction { child in
                    try child.put(table, [3], [3])
                    return try child.get(table, [1])
                }
                #expect(seen == [1])
            }
            let keys = try env.withTransaction(.read) { txn in
                var keys: [[UInt8]] = []
                try txn.scan(table, range: LMDBKeyRange(lower: [], upper: nil)) { key, _ in
                    keys.append(Array(key))
                    return true
                }
                return keys
            }
            #expect(keys == [[1], [3]])
        }
    }

    @Test("range scans: forward, reverse, prefix, resume strictly after a key")
    func scans() throws {
        try withTemporaryDirectory { directory in
            let env = try Self.open(directory)
            let table = env.database("t")
            try env.withTransaction(.write) { txn in
                for value in 0..<20 {
                    try txn.put(table, Self.key(value), [UInt8(value)])
                }
            }
            func collect(_ range: LMDBKeyRange, _ direction: LMDBScanDirection, after: Int? = nil) throws -> [UInt8] {
                try env.withTransaction(.read) { txn in
                    var values: [UInt8] = []
                    try txn.scan(table, range: range, direction: direction, resumeAfter: after.map(Self.key)) {
                        _, value in
                        values.append(value[0])
                        return true
                    }
                    return values
                }
            }
            let range = LMDBKeyRange(lower: Self.key(5), upper: Self.key(10))
            #expect(try collect(range, .forward) == [5, 6, 7, 8, 9])
            #expect(try collect(range, .reverse) == [9, 8, 7, 6, 5])
            #expect(try collect(range, .forward, after: 7) == [8, 9])
            #expect(try collect(range, .reverse, after: 7) == [6, 5])
            #expect(try collect(range, .forward, after: 2) == [5, 6, 7, 8, 9])
            #expect(try collect(range, .reverse, after: 15) == [9, 8, 7, 6, 5])
            #expect(try collect(LMDBKeyRange(lower: Self.key(17), upper: nil), .reverse) == [19, 18, 17])
            #expect(try collect(LMDBKeyRange(prefix: Array(Self.key(3).prefix(7))), .forward).count == 20)
            #expect(try collect(LMDBKeyRange(prefix: Self.key(3)), .reverse) == [3])
        }
    }

    @Test("close and reopen: committed data is there")
    func reopen() throws {
        try withTemporaryDirectory { directory in
            do {
                let env = try Self.open(directory)
                let table = env.database("t")
                try env.withTransaction(.write) { try $0.put(table, [7], Array(repeating: 7, count: 1500)) }
                env.close()
                #expect(throws: LMDBError.environmentClosed) { try env.withTransaction(.read) { _ in } }
            }
            let env = try Self.open(directory)
            #expect(
                try env.withTransaction(.read) { try $0.get(env.database("t"), [7]) }
                    == Array(repeating: 7, count: 1500))
        }
    }

    @Test("a read transaction may start on one thread and end on another (MDB_NOTLS)")
    func readersAcrossTasks() async throws {
        try await withTemporaryDirectory { directory in
            let env = try Self.open(directory)
            let table = env.database("t")
            try env.runTransaction(.write) { try $0.put(table, [1], [1]) }
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<32 {
                    group.addTask {
                        try env.runTransaction(.read) { outer in
                            try env.runTransaction(.read) { inner in
                                (try outer.get(table, [1])?.count ?? 0) + (try inner.get(table, [1])?.count ?? 0)
                            }
                        }
                    }
                }
                for try await value in group {
                    #expect(value == 2)
                }
            }
        }
    }

    @Test("key encoding keeps order: strings (with NUL bytes and prefixes), signed and unsigned integers")
    func keyOrder() {
        let strings = ["", "\u{0}", "\u{0}a", "\u{1}", "a", "a\u{0}", "ab", "b"]
        let encoded = strings.map { StoreKey.strings($0, "z") }
        #expect(encoded == encoded.sorted { $0.lexicographicallyPrecedes($1) })
        let integers: [Int64] = [.min, -5, -1, 0, 1, 1_800_000_000, .max]
        let encodedIntegers = integers.map { value -> [UInt8] in
            var key = StoreKey()
            key.append(value)
            return key.bytes
        }
        #expect(encodedIntegers == encodedIntegers.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(LMDBKeyRange.successor(of: [1, 0xFF]) == [2])
        #expect(LMDBKeyRange.successor(of: [0xFF]) == nil)
    }
}
