import CertDomain
import CertTestSupport
import Foundation
import Testing

@testable import CertStore

/// Listings answered from LMDB's indexes must equal the in-memory store's (the reference semantics),
/// page by page, for many filter, sort and page-size combinations over a randomised inventory.
@Suite("Listing equivalence with the in-memory store")
struct ListingEquivalenceTests {
    typealias F = InventoryFixtures

    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            self.state &+= 0x9E37_79B9_7F4A_7C15
            var z = self.state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func inventory(_ generator: inout SeededGenerator) -> [CertificateEntry] {
        (0..<240).map { index in
            let owner = index % 5 == 0 ? "bob" : "alice"
            var tags: [String: String] = [:]
            if Bool.random(using: &generator) {
                tags["env"] = ["prod", "test", "dev"].randomElement(using: &generator)!
            }
            if Int.random(in: 0..<4, using: &generator) == 0 {
                tags["team"] = ["a", "b"].randomElement(using: &generator)!
            }
            let id = String(format: "cert-%04x", Int.random(in: 0..<65_536, using: &generator)) + "-\(index)"
            var entry = F.certificate(
                id,
                owner: owner,
                name: ["www", "api", "Mail", "db", "ä-host"].randomElement(using: &generator)! + "-\(index)",
                // Whole days plus ties, some expired, some right at the window boundaries.
                expiresInDays: Double(Int.random(in: -40...120, using: &generator)),
                source: CertificateSource.allCases.randomElement(using: &generator)!,
                tags: tags,
                resourceGroup: ["", "web", "core"].randomElement(using: &generator)!,
                createdAt: F.now.addingTimeInterval(Double(Int.random(in: 0..<20, using: &generator)) * 0.001)
            )
            if index % 7 == 0 {
                entry.details.keyAlgorithm = .rsa
            }
            return entry
        }
    }

    static func queries(owner: AccountID) -> [CertificateQuery] {
        var queries: [CertificateQuery] = []
        let filters: [(inout CertificateQuery) -> Void] = [
            { _ in },
            { $0.expiry = .expiringWithin(days: 30) },
            { $0.expiry = .expired },
            { $0.expiry = .validBeyond(days: 30) },
            { $0.expiry = .notExpired },
            { $0.tag = TagFilter(key: "env", value: "prod") },
            {
                $0.tag = TagFilter(key: "env", value: "prod"); $0.expiry = .expiringWithin(days: 60)
            },
            { $0.resourceGroup = "web" },
            {
                $0.resourceGroup = ""; $0.expiry = .expired
            },
            { $0.source = .uploaded },
            {
                $0.source = .pca; $0.tag = TagFilter(key: "team", value: "a")
            },
            { $0.keyAlgorithm = .rsa },
            { $0.text = "API" },
            {
                $0.text = "ä"; $0.expiry = .notExpired
            },
        ]
        for filter in filters {
            for field in CertificateSort.Field.allCases {
                for order in CertificateSort.Order.allCases {
                    for limit in [9, 100] {
                        var query = CertificateQuery(
                            owner: owner,
                            now: F.now.addingTimeInterval(0.5),
                            sort: CertificateSort(field: field, order: order),
                            limit: limit
                        )
                        filter(&query)
                        queries.append(query)
                    }
                }
            }
        }
        return queries
    }

    /// `gatherLimit` 4096 sorts tag/group candidates in memory; 1 forces the ordered scan with residual filters.
    @Test("every page of every query equals the in-memory store's page", arguments: [4096, 1])
    func pagesMatchReference(gatherLimit: Int) async throws {
        try await withTemporaryDirectory { directory in
            var configuration = F.configuration
            configuration.listingGatherLimit = gatherLimit
            let store = try LMDBInventoryStore(directory: directory, configuration: configuration)
            defer { store.close() }
            let reference = InMemoryInventoryStore()
            var generator = SeededGenerator(state: 20_261_129)
            let entries = Self.inventory(&generator)
            for target in [store as any InventoryStore, reference] {
                try await target.write { writer in
                    for entry in entries { try writer.putCertificate(entry) }
                }
            }
            var compared = 0
            for owner in ["alice", "bob"].map(AccountID.init(rawValue:)) {
                for query in Self.queries(owner: owner) {
                    var query = query
                    var pages = 0
                    while true {
                        let expected = try reference.read { try $0.listCertificates(query) }
                        let actual = try store.read { try $0.listCertificates(query) }
                        #expect(actual.entries.map(\.id) == expected.entries.map(\.id), "\(query)")
                        #expect(actual.next == expected.next, "\(query)")
                        compared += 1
                        pages += 1
                        guard let next = expected.next, actual.next == expected.next, pages < 300 else { break }
                        query.after = next
                    }
                }
                let now = F.now.addingTimeInterval(0.5)
                let expectedSummary = try reference.read { try $0.countCertificates(owner: owner, now: now) }
                #expect(try store.read { try $0.countCertificates(owner: owner, now: now) } == expectedSummary)
            }
            #expect(compared > 500)
        }
    }
}
