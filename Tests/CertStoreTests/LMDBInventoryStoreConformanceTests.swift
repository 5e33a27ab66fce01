import CertDomain
import CertStore
import CertTestSupport
import Testing

/// The domain's executable contract of the store port, run against LMDB: same pages, same errors,
/// same atomicity as the in-memory store.
@Suite("LMDBInventoryStore conformance")
struct LMDBInventoryStoreConformanceTests {
    @Test(arguments: InventoryStoreConformance.Check.allCases)
    func conformance(_ check: InventoryStoreConformance.Check) async throws {
        try await withTemporaryDirectory { directory in
            let store = try LMDBInventoryStore(directory: directory, configuration: InventoryFixtures.configuration)
            defer { store.close() }
            try await InventoryStoreConformance.run(check, on: store)
            #expect(try store.checkConsistency() == [])
        }
    }
}
