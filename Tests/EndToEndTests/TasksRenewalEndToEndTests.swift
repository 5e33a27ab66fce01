import Foundation
import Testing

/// `certctl tasks renew` through the real certd, where pending tasks meet the issuers of issue 6:
/// an official certificate is re-issued by the official CA and a PCA-synced one by its private CA,
/// each keeping its inventory id with a new key (uploaded ones are covered by ExpiryNotificationTests).
@Suite("pending-tasks renewal end to end")
struct TasksRenewalEndToEndTests {
    @Test("tasks renew re-issues official and PCA-synced entries in place, keeping their ids")
    func renewBySource() async throws {
        try await CertctlTests.withSession { session in
            let json = { (arguments: [String]) async throws -> [String: Any] in
                try await PCAEndToEndTests.json(session, arguments)
            }
            let official = try await json(["cert", "order", "--domain", "renew.e2e.test", "--days", "30"])
            let officialID = try #require(official["id"] as? String)
            let officialBefore = try #require(official["fingerprintSHA256"] as? String)

            let root = try await json(["pca", "root", "create", "--region", "eu-central-1", "--cn", "Renew Root"])
            let issuing = try await json(
                ["pca", "intermediate", "create", "--parent", try #require(root["id"] as? String), "--cn", "Renew CA"])
            let caID = try #require(issuing["id"] as? String)
            let leaf = try await json(["pca", "issue", "--ca", caID, "--cn", "renew.internal", "--days", "60"])
            let synced = try await json(["pca", "sync", "--ca", caID, "--ids", try #require(leaf["id"] as? String)])
            let pcaEntryID = try #require((synced["items"] as? [[String: Any]])?.first?["inventoryID"] as? String)
            let pcaBefore = try #require(try await json(["cert", "get", pcaEntryID])["fingerprintSHA256"] as? String)

            let renew = try await session.certctl(["tasks", "renew", officialID, pcaEntryID, "--json"])
            #expect(renew.status == 0, "\(renew)")
            let renewed = try #require(
                try JSONSerialization.jsonObject(with: Data(renew.stdout.utf8)) as? [[String: Any]])
            #expect(renewed.compactMap { $0["id"] as? String } == [officialID, pcaEntryID])

            let officialAfter = try await json(["cert", "get", officialID])
            #expect(officialAfter["source"] as? String == "official")
            #expect(officialAfter["sans"] as? [String] == ["renew.e2e.test"])
            #expect(officialAfter["fingerprintSHA256"] as? String != officialBefore)
            let pcaAfter = try await json(["cert", "get", pcaEntryID])
            #expect(pcaAfter["source"] as? String == "pca")
            #expect(pcaAfter["fingerprintSHA256"] as? String != pcaBefore)
            #expect(pcaAfter["hasKey"] as? Bool == true)
        }
    }
}
