import CertDomain
import Foundation
import Synchronization
import Testing

/// What a test deliverer throws for a receiver that failed (a timeout, a closed connection).
private struct ReceiverFailed: Error {}

/// Holds its first delivery until every other one has completed, then fails it: a receiver that
/// hangs until its timeout. Serial delivery would never complete the others, so the run finishing
/// at all shows the slow receiver did not hold them up.
private final class SlowFirstDelivery: ExpiryNoticeDelivering {
    private struct State {
        var first: ExpiryNotice?
        var completed: [ExpiryNotice] = []
        var waiter: CheckedContinuation<Void, Never>?
        var isCancelled = false
    }
    private let others: Int
    private let state = Mutex(State())

    /// - Parameter total: how many notices the run will deliver.
    init(total: Int) { self.others = total - 1 }

    var slow: ExpiryNotice? { self.state.withLock { $0.first } }
    var completed: [ExpiryNotice] { self.state.withLock { $0.completed } }

    func deliver(_ notice: ExpiryNotice) async throws {
        let isFirst = self.state.withLock { state in
            guard state.first == nil else { return false }
            state.first = notice
            return true
        }
        if isFirst {
            // Cancellation (the test's time limit) ends the wait, so a regression fails, not hangs.
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let ready = self.state.withLock { state in
                        if state.completed.count == self.others || state.isCancelled { return true }
                        state.waiter = continuation
                        return false
                    }
                    if ready { continuation.resume() }
                }
            } onCancel: {
                let waiter = self.state.withLock { state in
                    state.isCancelled = true
                    defer { state.waiter = nil }
                    return state.waiter
                }
                waiter?.resume()
            }
            throw ReceiverFailed()
        }
        let waiter = self.state.withLock { state in
            state.completed.append(notice)
            guard state.completed.count == self.others else { return CheckedContinuation<Void, Never>?.none }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }
}

/// Holds each delivery until `limit` are in flight at once (or every notice has started), and
/// records the most ever in flight: shows the scheduler fills, and never exceeds, its bound.
private final class CountingDelivery: ExpiryNoticeDelivering {
    private struct State {
        var started = 0
        var inFlight = 0
        var mostInFlight = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
        var isCancelled = false
    }
    private let limit: Int
    private let total: Int
    private let state = Mutex(State())

    init(limit: Int, total: Int) {
        self.limit = limit
        self.total = total
    }

    var mostInFlight: Int { self.state.withLock { $0.mostInFlight } }

    func deliver(_ notice: ExpiryNotice) async throws {
        // Cancellation (the test's time limit) ends the wait, so a regression fails, not hangs.
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let release = self.state.withLock { state -> [CheckedContinuation<Void, Never>] in
                    state.started += 1
                    state.inFlight += 1
                    state.mostInFlight = max(state.mostInFlight, state.inFlight)
                    state.waiters.append(continuation)
                    guard state.inFlight >= self.limit || state.started == self.total || state.isCancelled else {
                        return []
                    }
                    defer { state.waiters = [] }
                    return state.waiters
                }
                for waiter in release { waiter.resume() }
            }
        } onCancel: {
            let release = self.state.withLock { state in
                state.isCancelled = true
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in release { waiter.resume() }
        }
        self.state.withLock { $0.inFlight -= 1 }
    }
}

/// Signals each delivery it starts, then waits until its task is cancelled (shutdown) and fails
/// the way a closed connection would.
private struct HangingDelivery: ExpiryNoticeDelivering {
    let started: AsyncStream<Void>.Continuation

    func deliver(_ notice: ExpiryNotice) async throws {
        self.started.yield()
        // Ends only through cancellation: no test waits on this clock.
        try? await Task.sleep(for: .seconds(3_600))
        throw ReceiverFailed()
    }
}

/// Fails while told to, and counts calls.
private final class SwitchableDelivery: ExpiryNoticeDelivering {
    private let state = Mutex((calls: 0, failing: true))
    var calls: Int { self.state.withLock { $0.calls } }
    func setFailing(_ failing: Bool) { self.state.withLock { $0.failing = failing } }

    func deliver(_ notice: ExpiryNotice) async throws {
        let failing = self.state.withLock { state in
            state.calls += 1
            return state.failing
        }
        if failing { throw ReceiverFailed() }
    }
}

/// The gated deliverers below would wait forever if the scheduler delivered one at a time; the
/// time limits turn such a regression into a failure instead of a hung run (they assert no timing).
@Suite("ExpiryNotifications delivery: parallel, bounded, backoff")
struct ExpiryNotificationsDeliveryTests {
    /// `certificates` of alice's certificates 10 days from expiry with notifications on, on the
    /// webhook and email channels: two due notices each.
    static func make(_ f: DomainFixture, certificates: Int, concurrency: Int = 8) async throws
        -> ExpiryNotifications
    {
        let notifications = ExpiryNotifications(store: f.store, clock: f.clock, deliveryConcurrency: concurrency)
        var ids: [CertificateID] = []
        for index in 0..<certificates {
            ids.append(try await f.upload(f.alice, name: "site-\(index)", days: 10).entry.id)
        }
        _ = try await notifications.addQuota(f.admin, account: f.alice.accountID, units: certificates)
        _ = try await notifications.setNotifications(f.alice, ids: ids, enabled: true)
        _ = try await notifications.setSettings(
            f.alice,
            NotificationSettings(
                leadTimeDays: [30], repeatInterval: 86_400, webhookURL: "http://127.0.0.1:1/",
                emailRecipients: ["ops@example.com"]))
        return notifications
    }

    static func sentEvents(_ f: DomainFixture) throws -> (succeeded: Int, failed: Int) {
        let events = try f.audit.list(f.admin, AuditQuery(action: .notificationSent))
        let succeeded = events.count { $0.outcome == .success }
        return (succeeded, events.count - succeeded)
    }

    @Test(
        "a receiver that hangs does not hold up the other notices; each attempt is recorded once",
        .timeLimit(.minutes(1)))
    func slowReceiverDoesNotStallOthers() async throws {
        let f = try await DomainFixture()
        let notifications = try await Self.make(f, certificates: 3)
        let due = try notifications.dueNotices()
        #expect(due.count == 6)
        let delivery = SlowFirstDelivery(total: due.count)

        #expect(try await notifications.runDueNotices(deliverer: delivery) == (5, 1))
        let slow = try #require(delivery.slow)
        #expect(Set(delivery.completed.map(\.deliveryID)).union([slow.deliveryID]) == Set(due.map(\.deliveryID)))
        #expect(try Self.sentEvents(f) == (5, 1))
        // Only the failed notice is still due, and it waits out its backoff first.
        #expect(try notifications.dueNotices().isEmpty)
        f.clock.advance(by: ExpiryNotifications.retryBaseDelay)
        #expect(try notifications.dueNotices().map(\.deliveryID) == [slow.deliveryID])
    }

    @Test("no more deliveries than the bound are in flight, and the bound is used", .timeLimit(.minutes(1)))
    func boundedConcurrency() async throws {
        let f = try await DomainFixture()
        let notifications = try await Self.make(f, certificates: 4, concurrency: 3)
        let delivery = CountingDelivery(limit: 3, total: 8)
        #expect(try await notifications.runDueNotices(deliverer: delivery) == (8, 0))
        #expect(delivery.mostInFlight == 3)
        #expect(try Self.sentEvents(f) == (8, 0))
        #expect(try notifications.dueNotices().isEmpty)
    }

    @Test("deliveries cancelled by shutdown are not failures and stay due", .timeLimit(.minutes(1)))
    func cancellationIsNotAFailure() async throws {
        let f = try await DomainFixture()
        let notifications = try await Self.make(f, certificates: 1)
        let (started, starts) = AsyncStream<Void>.makeStream()
        let run = Task { try await notifications.runDueNotices(deliverer: HangingDelivery(started: starts)) }
        var iterator = started.makeAsyncIterator()
        for _ in 0..<2 { await iterator.next() }
        run.cancel()
        #expect(try await run.value == (0, 0))
        #expect(try Self.sentEvents(f) == (0, 0))
        #expect(try notifications.dueNotices().count == 2)
    }

    @Test("after failures a notice waits base * 2^(k-1), capped, before its next attempt")
    func retryBackoff() async throws {
        let f = try await DomainFixture()
        let notifications = try await Self.make(f, certificates: 1)
        _ = try await notifications.setSettings(
            f.alice, NotificationSettings(leadTimeDays: [30], repeatInterval: 86_400, webhookURL: "http://127.0.0.1:1/")
        )
        let delivery = SwitchableDelivery()
        #expect(try await notifications.runDueNotices(deliverer: delivery) == (0, 1))
        for failures in 1..<ExpiryNotifications.maximumAttempts {
            let wait = min(
                ExpiryNotifications.retryBaseDelay * Double(1 << (failures - 1)),
                ExpiryNotifications.retryMaximumDelay)
            f.clock.advance(by: wait - 1)
            #expect(
                try await notifications.runDueNotices(deliverer: delivery) == (0, 0),
                "not retried before its next time after \(failures) failures")
            f.clock.advance(by: 1)
            if failures == 3 { delivery.setFailing(false) }
            let expected = failures == 3 ? (1, 0) : (0, 1)
            let result = try await notifications.runDueNotices(deliverer: delivery)
            #expect(result == expected, "retried once the clock passed it after \(failures) failures")
            if failures == 3 { break }
        }
        #expect(delivery.calls == 4)
        // A success resets the count: the next failure waits the base delay again.
        f.clock.advance(by: 86_400)
        delivery.setFailing(true)
        #expect(try await notifications.runDueNotices(deliverer: delivery) == (0, 1))
        f.clock.advance(by: ExpiryNotifications.retryBaseDelay - 1)
        #expect(try notifications.dueNotices().isEmpty)
        f.clock.advance(by: 1)
        #expect(try notifications.dueNotices().count == 1)
        #expect(try Self.sentEvents(f) == (1, 4))
    }
}

extension ExpiryNotice {
    /// Tells notices apart in assertions (certificate and channel).
    fileprivate var deliveryID: String { "\(self.certificateID.rawValue)/\(self.channel.rawValue)" }
}
