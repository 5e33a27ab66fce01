import CertTestSupport
import Synchronization
import Testing

@testable import CertStore

@Suite("LMDBWriter")
struct LMDBWriterTests {
    struct Refused: Error, Equatable {
        let index: Int
    }

    @Test("concurrent writes each get their own result; a failing body does not affect the others")
    func groupCommitResults() async throws {
        try await withTemporaryDirectory { directory in
            let env = try LMDBEnvironmentTests.open(directory)
            let writer = LMDBWriter(environment: env)
            let table = env.database("t")
            let outcomes = await withTaskGroup(of: (Int, Result<Int, Refused>).self) { group in
                for index in 0..<200 {
                    group.addTask {
                        do {
                            let value = try await writer.write { txn in
                                try txn.put(table, LMDBEnvironmentTests.key(index), [UInt8(index & 0xFF)])
                                if index % 7 == 3 {
                                    throw Refused(index: index)
                                }
                                return index * 2
                            }
                            return (index, .success(value))
                        } catch {
                            return (index, .failure(error as? Refused ?? Refused(index: -1)))
                        }
                    }
                }
                var outcomes: [Int: Result<Int, Refused>] = [:]
                for await (index, outcome) in group {
                    outcomes[index] = outcome
                }
                return outcomes
            }
            for index in 0..<200 {
                if index % 7 == 3 {
                    #expect(outcomes[index] == .failure(Refused(index: index)))
                } else {
                    #expect(outcomes[index] == .success(index * 2))
                }
            }
            let stored = try env.runTransaction(.read) { txn in
                try (0..<200).filter { try txn.get(table, LMDBEnvironmentTests.key($0)) != nil }
            }
            #expect(stored == (0..<200).filter { $0 % 7 != 3 })
            let statistics = writer.statistics
            #expect(statistics.writes == 200)
            #expect(statistics.commits >= 1 && statistics.commits <= 200)
            writer.shutdown()
        }
    }

    @Test("the map grows on demand up to its maximum")
    func mapGrows() async throws {
        try await withTemporaryDirectory { directory in
            let env = try LMDBEnvironmentTests.open(directory, mapSize: 1 << 20, maximumMapSize: 64 << 20)
            let writer = LMDBWriter(environment: env)
            let table = env.database("t")
            for index in 0..<100 {
                try await writer.write { txn in
                    try txn.put(table, LMDBEnvironmentTests.key(index), Array(repeating: 1, count: 40_000))
                }
            }
            #expect(env.mapSize > 1 << 20)
            #expect(try env.runTransaction(.read) { try $0.entryCount(table) } == 100)
            writer.shutdown()
        }
    }

    @Test("a full map at its maximum fails that write with storageFull; earlier data intact; smaller writes still fit")
    func mapFull() async throws {
        try await withTemporaryDirectory { directory in
            let env = try LMDBEnvironmentTests.open(directory, mapSize: 1 << 20)
            let writer = LMDBWriter(environment: env)
            let table = env.database("t")
            var written = 0
            var failure: (any Error)?
            while failure == nil {
                do {
                    let index = written
                    try await writer.write { txn in
                        try txn.put(
                            table, LMDBEnvironmentTests.key(index), Array(repeating: UInt8(index & 0xFF), count: 20_000)
                        )
                    }
                    written += 1
                } catch {
                    failure = error
                }
                #expect(written < 1000, "a 1 MiB map cannot hold 20 MB")
            }
            #expect(failure as? LMDBError == .storageFull(mapSize: 1 << 20, maximumMapSize: 1 << 20))
            #expect(written > 10)
            let intact = try env.runTransaction(.read) { txn in
                try (0..<written).allSatisfy { index in
                    try txn.get(table, LMDBEnvironmentTests.key(index))
                        == Array(repeating: UInt8(index & 0xFF), count: 20_000)
                }
            }
            #expect(intact)
            #expect(try env.runTransaction(.read) { try $0.get(table, LMDBEnvironmentTests.key(written)) } == nil)
            try await writer.write { try $0.put(table, [0xFF], [1]) }
            #expect(try env.runTransaction(.read) { try $0.get(table, [0xFF]) } == [1])
            writer.shutdown()
        }
    }

    @Test("after shutdown, writes are refused with environmentClosed; queued writes finished first")
    func shutdown() async throws {
        try await withTemporaryDirectory { directory in
            let env = try LMDBEnvironmentTests.open(directory)
            let writer = LMDBWriter(environment: env)
            let table = env.database("t")
            try await writer.write { try $0.put(table, [1], [1]) }
            writer.shutdown()
            await #expect(throws: LMDBError.environmentClosed) {
                try await writer.write { try $0.put(table, [2], [2]) }
            }
            #expect(try env.runTransaction(.read) { try $0.get(table, [1]) } == [1])
        }
    }
}
