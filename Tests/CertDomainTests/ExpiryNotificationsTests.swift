import CertDomain
import Foundation
import Synchronization
import Testing

/// Records what the scheduler hands it and fails while told to: the delivery port seen from the
/// domain (the real webhook and SMTP clients are tested end to end).
private final class RecordingDelivery: ExpiryNoticeDelivering {
    private let state = Mutex<(notices: [ExpiryNotice], failing: Bool)>(([], false))

    var notices: [ExpiryNotice] { self.state.withLock { $0.notices } }
    func setFailing(_ failing: Bool) { self.state.withLock { $0.failing = failing } }

    func deliver(_ notice: ExpiryNotice) async throws {
        let failing = self.state.withLock { state in
            if !state.failing { state.notices.append(notice) }
            return state.failing
        }
        if failing { throw CancellationError() }
    }
}

/// A renewer that re-issues nothing but reports which ids it was asked for.
private struct EchoRenewer: CertificateRenewing {
    let inventory: CertificateInventory
    func renew(_ caller: Caller, id: CertificateID) async throws(DomainError) -> CertificateEntry {
        try self.inventory.certificate(caller, id: id)
    }
}

@Suite("ExpiryNotifications")
struct ExpiryNotificationsTests {
    static func make(_ f: DomainFixture, renewer: (any CertificateRenewing)? = nil) -> ExpiryNotifications {
        ExpiryNotifications(store: f.store, clock: f.clock, renewer: renewer)
    }

    @Test("settings: defaults, and each bad field is refused by name")
    func settingsValidation() async throws {
        let f = try await DomainFixture()
        let notifications = Self.make(f)
        #expect(try notifications.settings(f.alice) == NotificationSettings())
        let stored = try await notifications.setSettings(
            f.alice, NotificationSettings(leadTimeDays: [90, 30, 30], repeatInterval: 0))
        #expect(stored.leadTimeDays == [30, 90])
        #expect(stored.repeatInterval == 86_400)
        let bad: [(NotificationSettings, String)] = [
            (NotificationSettings(leadTimeDays: [45]), "leadTimeDays"),
            (NotificationSettings(repeatInterval: 10), "repeatIntervalSeconds"),
            (NotificationSettings(webhookURL: "ftp://example.com/hook"), "webhookURL"),
            (NotificationSettings(emailRecipients: ["not an address"]), "emailRecipients"),
        ]
        for (settings, field) in bad {
            await #expect {
                try await notifications.setSettings(f.alice, settings)
            } throws: { error in
                guard case DomainError.invalidArgument(let named, _) = error else { return false }
                return named == field
            }
        }
        #expect(try notifications.settings(f.alice).leadTimeDays == [30, 90])
    }

    @Test("quota: only admins add; switching on is all or nothing; switching off frees units")
    func quotaAllOrNothing() async throws {
        let f = try await DomainFixture()
        let notifications = Self.make(f)
        let a = try await f.upload(f.alice, name: "a").entry.id
        let b = try await f.upload(f.alice, name: "b").entry.id
        await #expect(throws: DomainError.permissionDenied) {
            try await notifications.addQuota(f.alice, account: f.alice.accountID, units: 5)
        }
        #expect(throws: DomainError.permissionDenied) { try notifications.quota(f.alice, account: f.bob.accountID) }
        _ = try await notifications.addQuota(f.admin, account: f.alice.accountID, units: 1)
        await #expect(throws: DomainError.quotaExceeded(required: 2, remaining: 1)) {
            try await notifications.setNotifications(f.alice, ids: [a, b], enabled: true)
        }
        #expect(try notifications.quota(f.alice).used == 0)
        let on = try await notifications.setNotifications(f.alice, ids: [a], enabled: true)
        #expect(on.changed == [a])
        #expect(on.quota.remaining == 0)
        #expect(on.quota.required == 1)
        await #expect(throws: DomainError.certificateNotFound(id: a)) {
            try await notifications.setNotifications(f.bob, ids: [a], enabled: true)
        }
        let off = try await notifications.setNotifications(f.alice, ids: [a], enabled: false)
        #expect(off.quota.remaining == 1)
        // A deleted certificate's unit comes back.
        _ = try await notifications.setNotifications(f.alice, ids: [b], enabled: true)
        try await f.inventory.deleteCertificate(f.alice, id: b)
        #expect(try notifications.quota(f.alice).remaining == 1)
    }

    @Test("a notice is due inside the lead time, once per repeat interval, and gives up after 5 failures")
    func dueOncePerInterval() async throws {
        let f = try await DomainFixture()
        let notifications = Self.make(f)
        let id = try await f.upload(f.alice, name: "web", days: 100).entry.id
        _ = try await notifications.addQuota(f.admin, account: f.alice.accountID, units: 1)
        _ = try await notifications.setNotifications(f.alice, ids: [id], enabled: true)
        _ = try await notifications.setSettings(
            f.alice,
            NotificationSettings(leadTimeDays: [30, 60], repeatInterval: 86_400, webhookURL: "http://127.0.0.1:1/"))
        let delivery = RecordingDelivery()

        f.clock.advance(by: 30 * 86_400)  // 70 days left: nothing due.
        #expect(try await notifications.runDueNotices(deliverer: delivery) == (0, 0))
        f.clock.advance(by: 20 * 86_400)  // 50 days left: the 60-day notice.
        #expect(try await notifications.runDueNotices(deliverer: delivery) == (1, 0))
        #expect(delivery.notices.map(\.leadTimeDays) == [60])
        f.clock.advance(by: 3_600)
        #expect(try await notifications.runDueNotices(deliverer: delivery) == (0, 0))
        f.clock.advance(by: 86_400)
        #expect(try await notifications.runDueNotices(deliverer: delivery) == (1, 0))
        f.clock.advance(by: 25 * 86_400)  // Within 30 days: a new notice at once.
        #expect(try await notifications.runDueNotices(deliverer: delivery) == (1, 0))
        #expect(delivery.notices.map(\.leadTimeDays) == [60, 60, 30])

        delivery.setFailing(true)
        f.clock.advance(by: 86_400)
        for attempt in 1...ExpiryNotifications.maximumAttempts {
            #expect(try await notifications.runDueNotices(deliverer: delivery) == (0, 1))
            // Each retry waits out its backoff (1, 2, 4, 8 minutes), well inside the repeat interval.
            #expect(try await notifications.runDueNotices(deliverer: delivery) == (0, 0))
            f.clock.advance(by: ExpiryNotifications.retryBaseDelay * Double(1 << (attempt - 1)))
        }
        #expect(try await notifications.runDueNotices(deliverer: delivery) == (0, 0))
        delivery.setFailing(false)
        f.clock.advance(by: 86_400)
        #expect(try await notifications.runDueNotices(deliverer: delivery) == (1, 0))
        let failures = try f.audit.list(f.admin, AuditQuery(action: .notificationSent)).filter {
            $0.outcome != .success
        }
        #expect(failures.count == ExpiryNotifications.maximumAttempts)
    }

    @Test("pending tasks, renewal refusals and a snooze that ends after 7 days")
    func pendingTasks() async throws {
        let f = try await DomainFixture()
        let soon = try await f.upload(f.alice, name: "soon", days: 10).entry.id
        let later = try await f.upload(f.alice, name: "later", days: 200).entry.id
        try await f.store.write { writer in
            try writer.putDocument(
                StoredDocument(collection: .deployedCertificates, key: "\(later.rawValue)/target-1", body: []))
        }
        let plain = Self.make(f)
        var tasks = try plain.pendingTasks(f.alice)
        #expect(tasks.notificationsOff == [soon, later])
        #expect(tasks.notDeployed == [soon])
        #expect(tasks.needsRenewal == [soon])
        #expect(tasks.quotaMissing == 2)
        await #expect(throws: DomainError.quotaExceeded(required: 2, remaining: 0)) {
            try await plain.enableNotifications(f.alice, ids: nil)
        }
        await #expect(throws: DomainError.renewalUnsupported(id: soon, source: .uploaded)) {
            try await plain.renew(f.alice, ids: [soon])
        }
        // A private-CA entry renews through the injected renewer, and not without one.
        try await f.store.write { writer in
            guard var entry = try writer.certificate(id: soon) else { return }
            entry.source = .pca
            try writer.putCertificate(entry)
        }
        await #expect {
            try await plain.renew(f.alice, ids: [soon])
        } throws: { error in
            if case DomainError.renewalUnavailable(let id, _) = error { return id == soon }
            return false
        }
        let renewing = Self.make(f, renewer: EchoRenewer(inventory: f.inventory))
        #expect(try await renewing.renew(f.alice, ids: [soon]).map(\.id) == [soon])

        let until = try await plain.snoozeTasks(f.alice)
        #expect(until == f.clock.now().addingTimeInterval(7 * 86_400))
        f.clock.advance(by: 7 * 86_400 - 60)
        tasks = try plain.pendingTasks(f.alice)
        #expect(tasks.snoozedUntil == until)
        #expect(tasks.notificationsOff.count == 2)
        f.clock.advance(by: 120)
        #expect(try plain.pendingTasks(f.alice).snoozedUntil == nil)
    }

    @Test("monitoring: summary by algorithm, deployment and notifications; weekly timeline buckets")
    func monitoring() async throws {
        let f = try await DomainFixture()
        let monitor = InventoryMonitor(store: f.store, clock: f.clock)
        let a = try await f.upload(f.alice, name: "a", days: 10).entry.id
        let b = try await f.upload(f.alice, name: "b", days: 20).entry.id
        _ = try await f.upload(f.bob, name: "other", days: 20)
        try await f.store.write { writer in
            try writer.putDocument(StoredDocument(collection: .deployedCertificates, key: "\(b.rawValue)/t", body: []))
        }
        let summary = try monitor.summary(f.alice)
        #expect(summary.status.total == 2)
        #expect(summary.byAlgorithm == [.ec: 2])
        #expect(summary.deployed == 1)
        #expect(summary.notDeployed == 1)
        #expect(summary.notificationsOff == 2)
        let timeline = try monitor.timeline(f.alice, period: .week, buckets: 4)
        #expect(timeline.buckets.map(\.certificateIDs) == [[], [a], [b], []])
        f.clock.advance(by: 15 * 86_400)
        let later = try monitor.timeline(f.alice, period: .month, buckets: 2)
        #expect(later.expired == 1)
        #expect(later.buckets.flatMap(\.certificateIDs) == [b])
        #expect(throws: DomainError.invalidArgument(field: "buckets", detail: "must be from 1 to 104")) {
            try monitor.timeline(f.alice, period: .week, buckets: 0)
        }
    }
}
