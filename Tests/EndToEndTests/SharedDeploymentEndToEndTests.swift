import Foundation
import Testing

/// Where issue 6 meets issue 7, through the real certd and certctl: a recipient deploys an official
/// certificate shared with it (the owner's key reaches the target, never the recipient), the
/// deployment counts in the recipient's summary and pending tasks, and the owner's renewal marks
/// that deployment outdated.
@Suite("shared certificate deployment end to end")
struct SharedDeploymentEndToEndTests {
    @Test("a recipient deploys a shared official certificate; tasks and summary count it; renewal marks it outdated")
    func recipientDeploysSharedCertificate() async throws {
        try await CertctlTests.withSession(serverArguments: ["--deploy-file-root", "{parent}/root"]) { session in
            let work = session.work
            let root = URL(fileURLWithPath: work).deletingLastPathComponent().path + "/root"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            let owner = try #require(
                try await CertctlSharingTests.makeAccount(
                    session, id: "acme-a", identity: "Acme Ltd", site: "international", credentials: true))
            let recipient = try #require(
                try await CertctlSharingTests.makeAccount(
                    session, id: "acme-b", identity: "Acme Ltd", site: "international", credentials: true))
            func json(_ account: CertctlSharingTests.Account, _ arguments: String...) async throws -> [String: Any] {
                let result = try await CertctlProcess.run(
                    arguments + ["--json"], environment: account.environment, workingDirectory: work)
                #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result)")
                return try result.json()
            }

            let ordered = try await json(owner, "cert", "order", "--domain", "shared.e2e.test", "--days", "60")
            let id = try #require(ordered["id"] as? String)
            let share = try await json(owner, "cert", "share", id, "--to", "acme-b")
            let copyID = try #require(share["recipientCertificateID"] as? String)

            let before = try await json(recipient, "tasks")
            #expect(before["notDeployedIds"] as? [String] == [copyID])

            let target = try await json(
                recipient, "target", "create", "--name", "web", "--kind", "file", "--directory", "shared-web")
            let job = try await json(recipient, "deploy", copyID, "--target", try #require(target["id"] as? String))
            #expect(job["state"] as? String == "succeeded", "\(job)")

            // The deployed key is the owner's key; the recipient still cannot download it.
            let ownerDownload = try await owner.certctl("cert", "download", id, "--out", work + "/owner", in: work)
            #expect(ownerDownload.status == 0, "\(ownerDownload)")
            let deployedKey = try String(contentsOfFile: root + "/shared-web/key.pem", encoding: .utf8)
            #expect(deployedKey == (try String(contentsOfFile: work + "/owner/key.pem", encoding: .utf8)))
            let refused = try await recipient.certctl("cert", "download", copyID, "--out", work + "/mine", in: work)
            #expect(refused.status == 5, "\(refused)")
            #expect(!FileManager.default.fileExists(atPath: work + "/mine/key.pem"))

            let after = try await json(recipient, "tasks")
            #expect(after["notDeployedIds"] as? [String] == [])
            let summary = try await json(recipient, "cert", "summary")
            #expect(summary["deployed"] as? Int == 1)
            #expect(summary["notDeployed"] as? Int == 0)

            let current = try await json(recipient, "cert", "deployments", copyID)
            #expect((current["deployments"] as? [[String: Any]])?.first?["outdated"] as? Bool == false)
            _ = try await json(owner, "cert", "renew", id)
            let outdated = try await json(recipient, "cert", "deployments", copyID)
            #expect((outdated["deployments"] as? [[String: Any]])?.first?["outdated"] as? Bool == true)
        }
    }
}
