import CertCrypto
import CertTestSupport
import Foundation
import Testing

/// `certd serve --webhook-ca` end to end: the real certd and certctl, and a Python HTTPS receiver
/// whose certificate comes from a CA made in the test.
@Suite("https expiry webhooks end to end")
struct HTTPSWebhookEndToEndTests {
    @Test("with --webhook-ca an https notice is delivered; a URL host the certificate lacks is an audited failure")
    func noticeOverHTTPS() async throws {
        try OpenSSLProviders.loadOnce()
        let pki = try IssuedTestPKI(now: Date(), name: "E2E Webhook TLS")
        try await withTemporaryDirectory(prefix: "certd-https-hook") { directory in
            let caPath = directory + "/webhook-ca.pem"
            try pki.root.certificate.pem.write(toFile: caPath, atomically: true, encoding: .utf8)
            let receiver = try await HTTPSWebhookReceiver.start(
                in: directory + "/receiver", leaf: try pki.leaf(commonName: "localhost"),
                intermediatePEM: pki.intermediate.certificate.pem)
            defer { receiver.stop() }
            try await ExpiryNotificationTests.withSession(extraArguments: ["--webhook-ca", caPath]) { session in
                let id = try await session.upload(name: "tls", days: 100)
                #expect(try await session.certctl("quota", "add", "--account", "admin", "--units", "1").status == 0)
                #expect(try await session.certctl("notify", "enable", id).status == 0)
                // The receiver's certificate names localhost only, so 127.0.0.1 is refused by name.
                let wrongHost = try await session.certctl(
                    "notify", "settings", "set", "--lead-time", "30", "--repeat-interval", "86400",
                    "--webhook", "https://127.0.0.1:\(receiver.port)/hook")
                #expect(wrongHost.status == 0, "\(wrongHost)")
                try session.setClock(days: 80)
                var failures: [[String: Any]] = []
                for _ in 0..<100 where failures.isEmpty {
                    try await Task.sleep(for: .milliseconds(100))
                    let audit = try await session.certctl("audit", "list", "--json", "--action", "notificationSent")
                    let events = try #require(try audit.json()["events"] as? [[String: Any]])
                    failures = events.filter { $0["outcome"] as? String != "success" }
                }
                let error = (failures.first?["details"] as? [String: String])?["error"] ?? ""
                #expect(error.contains("TLS to 127.0.0.1: certificate does not name 127.0.0.1"), "\(failures)")
                #expect(receiver.posts.isEmpty)

                let rightHost = try await session.certctl(
                    "notify", "settings", "set", "--webhook", "https://localhost:\(receiver.port)/hook")
                #expect(rightHost.status == 0, "\(rightHost)")
                // The next repeat interval sends the notice again, now to a name the certificate carries.
                try session.setClock(days: 81.01)
                let posts = try await receiver.waitForPosts(count: 1)
                #expect(posts.count == 1)
                let json = try #require(
                    try JSONSerialization.jsonObject(with: Data((posts.first ?? "").utf8)) as? [String: Any])
                #expect(json["certificateId"] as? String == id)
            }
        }
    }
}
