import CertAPI
import CertDomain
import CertServer
import CertWire
import Foundation
import Logging
import Testing

@Suite("Monitoring, Notifications and Tasks services")
struct MonitoringServicesTests {
    @Test("quota refusals map to failedPrecondition with the missing units; users cannot add quota")
    func quotaErrorsOnTheWire() async throws {
        let fixture = try await ServerFixture()
        let uploaded = try await fixture.upload(name: "watched")
        let refused = await fixture.failure(
            NotificationsService.Method.setCertificateNotifications,
            SetCertificateNotificationsRequest(ids: [uploaded.certificate.id], enabled: true))
        #expect(refused?.status == .failedPrecondition)
        #expect(refused?.reason == "quotaExceeded")
        #expect(refused?.message.contains("1 unit(s) missing") == true)

        let denied = await fixture.failure(
            NotificationsService.Method.addQuota, AddNotificationQuotaRequest(accountId: "alice", units: 3))
        #expect(denied?.status == .permissionDenied)
        let missingAccount = await fixture.failure(
            NotificationsService.Method.addQuota, AddNotificationQuotaRequest(accountId: "nobody", units: 3),
            as: ServerFixture.adminFingerprint)
        #expect(missingAccount?.status == .notFound)
        let granted: CertAPI.NotificationQuota = try await fixture.call(
            NotificationsService.Method.addQuota, AddNotificationQuotaRequest(accountId: "alice", units: 3),
            as: ServerFixture.adminFingerprint)
        #expect(granted.remaining == 3)
        #expect(granted.required == 1)

        let tasks: CertAPI.PendingTasks = try await fixture.call(TasksService.Method.listTasks, ListTasksRequest())
        #expect(tasks.notificationsOffIds == [uploaded.certificate.id])
        let both = await fixture.failure(
            TasksService.Method.enableNotifications,
            EnableNotificationsTaskRequest(all: true, ids: [uploaded.certificate.id]))
        #expect(both?.status == .invalidArgument)
        let enabled: SetCertificateNotificationsResponse = try await fixture.call(
            TasksService.Method.enableNotifications, EnableNotificationsTaskRequest(all: true))
        #expect(enabled.changedIds == [uploaded.certificate.id])
        #expect(enabled.quota.remaining == 2)

        let renew = await fixture.failure(TasksService.Method.renew, RenewTaskRequest(ids: [uploaded.certificate.id]))
        #expect(renew?.status == .failedPrecondition)
        #expect(renew?.reason == "renewalUnsupported")
    }

    @Test("settings and timeline reject bad input by field")
    func badInput() async throws {
        let fixture = try await ServerFixture()
        let settings = await fixture.failure(
            NotificationsService.Method.setSettings,
            SetNotificationSettingsRequest(settings: CertAPI.NotificationSettings(leadTimeDays: [7])))
        #expect(settings?.status == .invalidArgument)
        #expect(settings?.message.contains("leadTimeDays") == true)
        let timeline = await fixture.failure(
            MonitoringService.Method.timeline, ExpiryTimelineRequest(period: .week, buckets: 500))
        #expect(timeline?.status == .invalidArgument)
        let summary: CertAPI.MonitoringSummary = try await fixture.call(
            MonitoringService.Method.summary, MonitoringSummaryRequest())
        #expect(summary.status.total == 0)
    }

    @Test("the metered wrapper counts calls and errors by status and forwards both unchanged")
    func meteredServices() async throws {
        let fixture = try await ServerFixture()
        let metrics = RPCMetrics()
        let services = CertdServices.metered(fixture.services, metrics: metrics)
        let method = CertificatesService.Method.getCertificate
        let service = try #require(services.first { $0.methods.contains(method) })
        await #expect(throws: RPCError.self) {
            try await service.handle(
                methodID: method.id, request: GetCertificateRequest(id: "cert-0000000000000000").serializedBytes(),
                context: ServerFixture.context(ServerFixture.aliceFingerprint))
        }
        let summaryMethod = CertificatesService.Method.summary
        let summaryService = try #require(services.first { $0.methods.contains(summaryMethod) })
        _ = try await summaryService.handle(
            methodID: summaryMethod.id, request: CertificateSummaryRequest().serializedBytes(),
            context: ServerFixture.context(ServerFixture.aliceFingerprint))
        let text = metrics.exposition()
        #expect(text.contains("certd_rpc_calls_total{method=\"Certificates/GetCertificate\"} 1"))
        #expect(text.contains("certd_rpc_errors_total{method=\"Certificates/GetCertificate\",status=\"notFound\"} 1"))
        #expect(text.contains("certd_rpc_calls_total{method=\"Certificates/Summary\"} 1"))
        #expect(!text.contains("certd_rpc_errors_total{method=\"Certificates/Summary\""))
        #expect(text.contains("certd_rpc_duration_seconds_count{method=\"Certificates/Summary\"} 1"))
    }

    @Test("clock file: ISO-8601 instant, signed offset, and the system clock when unreadable")
    func clockFile() throws {
        let system = Date(timeIntervalSince1970: 1_900_000_000)
        #expect(
            FileWallClock.parse("2030-01-01T00:00:00Z", system: system) == Date(timeIntervalSince1970: 1_893_456_000))
        #expect(FileWallClock.parse("+86400", system: system) == system.addingTimeInterval(86_400))
        #expect(FileWallClock.parse("-1.5", system: system) == system.addingTimeInterval(-1.5))
        #expect(FileWallClock.parse("tomorrow", system: system) == nil)
        let clock = FileWallClock(path: "/nonexistent/clock-\(UUID().uuidString)")
        #expect(abs(clock.now().timeIntervalSinceNow) < 60)
    }

    @Test("monitoring flags: loopback-only metrics, interval range, relay and sender checked by name")
    func monitoringConfiguration() throws {
        let resolved = try MonitoringConfiguration.resolve(
            metrics: "127.0.0.1:9464", clockFile: nil, notifyInterval: "0.1", smtpRelay: "127.0.0.1:2525",
            smtpFrom: "certd@example.com")
        #expect(resolved.metrics == ListenAddress(host: "127.0.0.1", port: 9464))
        #expect(resolved.notifyInterval == .milliseconds(100))
        for (metrics, interval, relay, from, setting) in [
            ("0.0.0.0:9464", nil, nil, nil, "metrics"), (nil, "0", nil, nil, "notify-interval"),
            (nil, nil, "127.0.0.1:0", nil, "smtp-relay"), (nil, nil, nil, "no-at-sign", "smtp-from"),
        ] as [(String?, String?, String?, String?, String)] {
            #expect {
                try MonitoringConfiguration.resolve(
                    metrics: metrics, clockFile: nil, notifyInterval: interval, smtpRelay: relay, smtpFrom: from)
            } throws: { error in
                guard case ConfigurationError.invalidValue(let named, _, _) = error else { return false }
                return named == setting
            }
        }
        let ipv6 = try MonitoringConfiguration.resolve(
            metrics: "[::1]:9464", clockFile: nil, notifyInterval: nil, smtpRelay: nil, smtpFrom: nil)
        #expect(ipv6.metrics?.host == "::1")
    }
}
