import Foundation

/// The monitoring reads of issue 7: per-account summary and expiry timeline.
///
/// Role: read-only views over the inventory, deployments and notification switches, computed at the
/// injected clock's now.
/// Invariants: an account sees only its own entries.
/// Isolation: a `Sendable` value; every read runs on one store snapshot from any task.
public struct InventoryMonitor: Sendable {
    let domainStore: DomainStore

    /// - Parameters:
    ///   - store: the inventory store.
    ///   - clock: the wall clock (expiry status, timeline start).
    public init(store: any InventoryStore, clock: any WallClock) {
        self.domainStore = DomainStore(store: store, clock: clock)
    }

    /// Counts of the caller's entries by status, source, algorithm, deployment and notifications.
    public func summary(_ caller: Caller) throws(DomainError) -> MonitoringSummary {
        let now = self.domainStore.clock.now()
        return try self.domainStore.read { reader in
            let account = caller.accountID
            let status = try reader.countCertificates(owner: account, now: now)
            let switches = try reader.notificationSwitches(owner: account)
            var summary = MonitoringSummary(
                status: status, byAlgorithm: [:], deployed: 0, notDeployed: 0, notificationsOn: 0,
                notificationsOff: 0, now: now)
            for entry in try reader.allCertificates(owner: account, now: now) {
                summary.byAlgorithm[entry.details.keyAlgorithm, default: 0] += 1
                if try reader.isDeployed(entry.id) { summary.deployed += 1 } else { summary.notDeployed += 1 }
                if switches.contains(entry.id.rawValue) {
                    summary.notificationsOn += 1
                } else {
                    summary.notificationsOff += 1
                }
            }
            return summary
        }
    }

    /// The caller's entries per week or month until expiry.
    /// - Parameters:
    ///   - period: the bucket width.
    ///   - buckets: how many buckets (1...104).
    /// - Returns: the timeline starting at the clock's now.
    /// - Throws: ``DomainError/invalidArgument(field:detail:)`` for a bucket count out of range.
    public func timeline(_ caller: Caller, period: ExpiryTimeline.Period, buckets: Int) throws(DomainError)
        -> ExpiryTimeline
    {
        guard (1...104).contains(buckets) else {
            throw .invalidArgument(field: "buckets", detail: "must be from 1 to 104")
        }
        let now = self.domainStore.clock.now()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var bounds = [now]
        for index in 1...buckets {
            switch period {
            case .week:
                bounds.append(now.addingTimeInterval(Double(index) * 7 * 86_400))
            case .month:
                let startOfMonth = calendar.dateInterval(of: .month, for: now)?.start ?? now
                bounds.append(calendar.date(byAdding: .month, value: index, to: startOfMonth) ?? now)
            }
        }
        let entries = try self.domainStore.read { try $0.allCertificates(owner: caller.accountID, now: now) }
        var timeline = ExpiryTimeline(
            period: period, now: now, expired: 0,
            buckets: (0..<buckets).map { ExpiryTimeline.Bucket(start: bounds[$0], end: bounds[$0 + 1]) }, later: 0)
        for entry in entries {
            let notAfter = entry.details.notAfter
            if notAfter < now {
                timeline.expired += 1
            } else if let index = (0..<buckets).first(where: { notAfter < bounds[$0 + 1] }) {
                timeline.buckets[index].certificateIDs.append(entry.id)
            } else {
                timeline.later += 1
            }
        }
        return timeline
    }
}
