import CertCrypto
import CertTestSupport
import Foundation
import Testing

/// Issue 7 end to end: the real certd with a clock file the test moves, the real certctl, and real
/// webhook/SMTP sinks and a Prometheus scrape on loopback.
@Suite("monitoring, expiry notifications and pending tasks end to end")
struct ExpiryNotificationTests {
    /// A certd started with `--clock-file` and a 100 ms scheduler, plus certctl pointed at it.
    struct Session {
        let certd: RunningCertd
        let work: String
        let clockFile: String
        let start: Date

        var environment: [String: String] {
            ["CERTD_DATA": self.certd.dataDirectory, "CERTD_SERVER": "127.0.0.1:\(self.certd.port)"]
        }

        func certctl(_ arguments: String...) async throws -> CertctlProcess.Result {
            try await CertctlProcess.run(arguments, environment: self.environment, workingDirectory: self.work)
        }

        /// Sets certd's clock to `start + days` (written atomically, so certd never reads half a file).
        func setClock(days: Double) throws {
            let formatter = ISO8601DateFormatter()
            try formatter.string(from: self.start.addingTimeInterval(days * 86_400))
                .write(toFile: self.clockFile, atomically: true, encoding: .utf8)
        }

        /// Uploads a fresh P-256 leaf valid from `start` for `days`; returns its id.
        func upload(name: String, days: Int) async throws -> String {
            try OpenSSLProviders.loadOnce()
            let ca = try CertificateAuthority.makeRoot(
                subject: DistinguishedName(commonName: "notify test CA \(name)"),
                key: try PrivateKey.generate(.p256), validity: Validity.days(400, from: self.start))
            let key = try PrivateKey.generate(.p256)
            let leaf = try ca.issueLeaf(
                subject: DistinguishedName(commonName: "\(name).notify.test"), publicKey: key.publicKey,
                subjectAlternativeNames: [.dns("\(name).notify.test")], validity: Validity.days(days, from: self.start))
            try leaf.pem.write(toFile: self.work + "/\(name).pem", atomically: true, encoding: .utf8)
            try key.pkcs8PEM().write(toFile: self.work + "/\(name)-key.pem", atomically: true, encoding: .utf8)
            let result = try await self.certctl(
                "cert", "upload", "--json", "--name", name, "--cert", "\(name).pem", "--key", "\(name)-key.pem")
            #expect(result.status == 0, "\(result)")
            return try #require(try result.json()["id"] as? String)
        }
    }

    static func withSession(extraArguments: [String] = [], _ body: (Session) async throws -> Void) async throws {
        try await withTemporaryDirectory(prefix: "certd-notify") { parent in
            let work = parent + "/work"
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            let clockFile = parent + "/clock"
            // Whole seconds, so ISO-8601 round trips exactly.
            let start = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
            try ISO8601DateFormatter().string(from: start).write(toFile: clockFile, atomically: true, encoding: .utf8)
            let certd = try await RunningCertd.start(
                dataDirectory: parent + "/data",
                arguments: ["--clock-file", clockFile, "--notify-interval", "0.1"] + extraArguments)
            do {
                try await body(Session(certd: certd, work: work, clockFile: clockFile, start: start))
            } catch {
                await certd.stop()
                throw error
            }
            let status = await certd.stop()
            #expect(status == 0, "certd exited \(status); stderr:\n\(certd.standardError)")
        }
    }

    @Test("summary counts follow the moved clock: valid, then expiring soon, then expired; timeline fits 80 columns")
    func statusMovesWithClock() async throws {
        try await Self.withSession { session in
            let id = try await session.upload(name: "moving", days: 100)
            func summary() async throws -> [String: Any] {
                let result = try await session.certctl("cert", "summary", "--json")
                #expect(result.status == 0, "\(result)")
                return try result.json()
            }
            var counts = try await summary()
            #expect(counts["valid"] as? Int == 1)
            #expect(counts["expiringWithin30Days"] as? Int == 0)
            #expect(counts["notDeployed"] as? Int == 1)
            #expect(counts["notificationsOff"] as? Int == 1)
            #expect((counts["byAlgorithm"] as? [String: Int])?["EC"] == 1)

            // Week buckets: 100 days ahead is in week 14 (0-based), beyond 12 buckets -> "later".
            let early = try await session.certctl("cert", "timeline", "--json", "--by", "week")
            let earlyJSON = try early.json()
            #expect(earlyJSON["later"] as? Int == 1, "\(early)")

            try session.setClock(days: 80)
            counts = try await summary()
            #expect(counts["valid"] as? Int == 0)
            #expect(counts["expiringWithin30Days"] as? Int == 1)
            let week = try await session.certctl("cert", "timeline", "--json", "--by", "week", "--buckets", "4")
            let buckets = try #require(try week.json()["buckets"] as? [[String: Any]])
            #expect(buckets.count == 4)
            // 20 days left: the third week (days 14..21).
            #expect(buckets[2]["certificateIds"] as? [String] == [id], "\(week)")

            let chart = try await session.certctl("cert", "timeline", "--by", "month")
            #expect(chart.status == 0, "\(chart)")
            let lines = chart.stdout.split(separator: "\n")
            // Title, expired, 12 months, later.
            #expect(lines.count == 15, "\(chart)")
            #expect(lines.allSatisfy { $0.count <= 80 }, "\(chart)")
            #expect(lines.contains { $0.contains("█") || $0.contains("▏") })

            try session.setClock(days: 101)
            counts = try await summary()
            #expect(counts["expired"] as? Int == 1)
            #expect(counts["expiringWithin30Days"] as? Int == 0)
        }
    }

    @Test("a due notice reaches the webhook and the SMTP sink once per repeat interval, after a retried failure")
    func notificationsOncePerInterval() async throws {
        try await withTemporaryDirectory(prefix: "certd-sinks") { sinkDirectory in
            let sinks = try await NotificationSinks.start(in: sinkDirectory, failFirst: 1)
            defer { sinks.stop() }
            try await Self.withSession(extraArguments: ["--smtp-relay", "127.0.0.1:\(sinks.smtpPort)"]) { session in
                let id = try await session.upload(name: "watched", days: 100)
                let quiet = try await session.upload(name: "quiet", days: 100)

                // Quota: none yet, so switching on is refused and says how many units are missing.
                let refused = try await session.certctl("notify", "enable", id)
                #expect(refused.status == 6, "\(refused)")
                #expect(refused.stderr.contains("1 unit(s) missing"), "\(refused)")
                let added = try await session.certctl("quota", "add", "--account", "admin", "--units", "1", "--json")
                #expect(added.status == 0, "\(added)")
                #expect(try added.json()["remaining"] as? Int == 1)
                let enabled = try await session.certctl("notify", "enable", id, "--json")
                #expect(enabled.status == 0, "\(enabled)")
                #expect(try enabled.json()["changedIds"] as? [String] == [id])
                // All or nothing: the other one needs a unit that is not there.
                let all = try await session.certctl("tasks", "enable-notifications", "--all")
                #expect(all.status == 6, "\(all)")
                let quota = try await session.certctl("quota", "get", "--json")
                #expect(try quota.json()["used"] as? Int == 1)
                #expect(try quota.json()["required"] as? Int == 1)

                let settings = try await session.certctl(
                    "notify", "settings", "set", "--json", "--lead-time", "30", "--repeat-interval", "86400",
                    "--webhook", "http://127.0.0.1:\(sinks.httpPort)/hook", "--email", "ops@example.test")
                #expect(settings.status == 0, "\(settings)")
                let badSettings = try await session.certctl("notify", "settings", "set", "--lead-time", "45")
                #expect(badSettings.status == 3, "\(badSettings)")

                // 70 days before expiry: nothing is due.
                try session.setClock(days: 30)
                try await Task.sleep(for: .milliseconds(500))
                #expect(sinks.files("webhook-").isEmpty)

                // Within 30 days (a little over 20 days left): one email, and one refused webhook post
                // that is retried once the clock passes its backoff (one minute after the failure).
                try session.setClock(days: 79.99)
                let mails = try await sinks.waitFor("mail-", count: 1)
                try await Self.waitForFailedAttempt(session)
                #expect(sinks.files("webhook-").isEmpty, "not retried within its backoff")
                try session.setClock(days: 79.99 + 120.0 / 86_400)
                let hooks = try await sinks.waitFor("webhook-", count: 1)
                #expect(hooks.count == 1)
                #expect(mails.count == 1)
                let hook = try #require(
                    try JSONSerialization.jsonObject(with: Data(hooks[0].utf8)) as? [String: Any])
                #expect(hook["certificateId"] as? String == id)
                #expect(hook["daysLeft"] as? Int == 20)
                #expect(hook["leadTimeDays"] as? Int == 30)
                #expect(mails[0].contains("X-Rcpt: ops@example.test"))
                #expect(mails[0].contains("expires in 20 day(s)"))
                #expect(!hooks[0].contains(quiet))

                // Many scheduler checks and two hours later: still exactly one of each.
                try session.setClock(days: 80 + 2.0 / 24)
                try await Task.sleep(for: .seconds(1))
                #expect(sinks.files("webhook-").count == 1)
                #expect(sinks.files("mail-").count == 1)

                // One repeat interval later: exactly one more of each.
                try session.setClock(days: 81.01)
                #expect(try await sinks.waitFor("webhook-", count: 2).count == 2)
                #expect(try await sinks.waitFor("mail-", count: 2).count == 2)
                try await Task.sleep(for: .seconds(1))
                #expect(sinks.files("webhook-").count == 2)
                #expect(sinks.files("mail-").count == 2)

                // Every attempt is audited: 2 + 2 successes and the one refused webhook post.
                let audit = try await session.certctl("audit", "list", "--json", "--action", "notificationSent")
                let events = try #require(try audit.json()["events"] as? [[String: Any]])
                #expect(events.filter { $0["outcome"] as? String == "success" }.count == 4, "\(audit)")
                #expect(events.filter { $0["outcome"] as? String == "failure" }.count == 1, "\(audit)")
            }
        }
    }

    /// Polls the audit until a failed notification attempt is recorded (up to 15 s).
    static func waitForFailedAttempt(_ session: Session) async throws {
        for _ in 0..<150 {
            let audit = try await session.certctl("audit", "list", "--json", "--action", "notificationSent")
            let events = try audit.json()["events"] as? [[String: Any]] ?? []
            if events.contains(where: { $0["outcome"] as? String == "failure" }) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("no failed notification attempt was audited")
    }

    @Test(
        "pending tasks match the inventory; renewal of an uploaded certificate points to replace; snooze lasts 7 days")
    func pendingTasksAndSnooze() async throws {
        try await Self.withSession { session in
            let soon = try await session.upload(name: "soon", days: 10)
            let later = try await session.upload(name: "later", days: 200)
            let tasksResult = try await session.certctl("tasks", "--json")
            #expect(tasksResult.status == 0, "\(tasksResult)")
            let tasks = try tasksResult.json()
            #expect(tasks["notificationsOff"] as? Int == 2)
            #expect(Set(tasks["notificationsOffIds"] as? [String] ?? []) == [soon, later])
            #expect(tasks["notDeployed"] as? Int == 2)
            #expect(tasks["needsRenewalIds"] as? [String] == [soon])
            #expect(tasks["quotaRemaining"] as? Int == 0)
            #expect(tasks["quotaRequired"] as? Int == 2)
            #expect(tasks["quotaMissing"] as? Int == 2)
            #expect(tasks["snoozedUntil"] is NSNull)

            let renew = try await session.certctl("tasks", "renew", soon)
            #expect(renew.status == 6, "\(renew)")
            #expect(renew.stderr.contains("certctl cert replace \(soon)"), "\(renew)")

            let listed = try await session.certctl("cert", "list")
            #expect(listed.stdout.contains("pending: 2 without notifications"), "\(listed)")
            let snooze = try await session.certctl("tasks", "snooze")
            #expect(snooze.status == 0, "\(snooze)")

            try session.setClock(days: 6.9)
            let quiet = try await session.certctl("cert", "list")
            #expect(quiet.status == 0)
            #expect(!quiet.stdout.contains("pending:"), "\(quiet)")
            // The list still answers on request, saying until when it is snoozed.
            let snoozed = try await session.certctl("tasks", "--json")
            #expect(snoozed.status == 0)
            #expect(try snoozed.json()["snoozedUntil"] as? String != nil)
            #expect(try snoozed.json()["notificationsOff"] as? Int == 2)

            try session.setClock(days: 7.01)
            let back = try await session.certctl("cert", "list")
            #expect(back.stdout.contains("pending:"), "\(back)")
        }
    }

    @Test("the metrics endpoint serves expiry gauges and RPC metrics over loopback")
    func metricsScrape() async throws {
        try await Self.withSession(extraArguments: ["--metrics", "127.0.0.1:0"]) { session in
            let id = try await session.upload(name: "scraped", days: 100)
            let missing = try await session.certctl("cert", "get", "cert-0000000000000000")
            #expect(missing.status == 4)
            let line = try #require(
                session.certd.standardOutput.split(separator: "\n").first { $0.hasPrefix("METRICS ") })
            let port = try #require(line.split(separator: "=").last.flatMap { Int($0) })
            let scrape = try await EndToEnd.run(
                "/usr/bin/env",
                [
                    "python3", "-c",
                    "import urllib.request,sys; sys.stdout.write(urllib.request.urlopen('http://127.0.0.1:\(port)/metrics', timeout=10).read().decode())",
                ])
            #expect(scrape.status == 0, "\(scrape.stderr)")
            let text = scrape.stdout
            let lines = text.split(separator: "\n")
            let idLabel = "id=\"\(id)\""
            let expiryLine = lines.first { line in
                line.hasPrefix("certd_certificate_expiry_timestamp_seconds{") && line.contains(idLabel)
            }
            let expiry = try #require(expiryLine, "\(text)")
            #expect(expiry.contains("account=\"admin\"") && expiry.contains("source=\"uploaded\""))
            let expected = session.start.addingTimeInterval(100 * 86_400).timeIntervalSince1970
            #expect(expiry.split(separator: " ").last.flatMap { Double($0) } == expected)
            #expect(text.contains("certd_certificates{status=\"valid\"} 1"))
            #expect(text.contains("certd_rpc_calls_total{method=\"Certificates/UploadCertificate\"} 1"))
            #expect(
                text.contains("certd_rpc_errors_total{method=\"Certificates/GetCertificate\",status=\"notFound\"} 1"))
            #expect(text.contains("certd_rpc_duration_seconds_bucket{method=\"Certificates/UploadCertificate\""))
        }
    }

    @Test("certd refuses a metrics address that is not loopback")
    func metricsRefusesPublicAddress() async throws {
        try await withTemporaryDirectory(prefix: "certd-metrics") { parent in
            do {
                let certd = try await RunningCertd.start(
                    dataDirectory: parent + "/data", arguments: ["--metrics", "0.0.0.0:9464"])
                await certd.stop()
                Issue.record("certd started with a public metrics address")
            } catch RunningCertdError.exited(let status, let stderr) {
                #expect(status == 2)
                #expect(stderr.contains("loopback"), "\(stderr)")
            }
        }
    }
}
