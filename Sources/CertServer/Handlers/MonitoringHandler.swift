import CertAPI
import CertDomain
import CertWire

/// Answers the Monitoring service by calling ``InventoryMonitor``.
///
/// Role: translation only; the counts are the domain's.
/// Isolation: an immutable value.
struct MonitoringHandler: MonitoringService.Handler {
    let gateway: DomainGateway
    let monitor: InventoryMonitor

    func summary(_ request: MonitoringSummaryRequest, context: CallContext) async throws -> CertAPI.MonitoringSummary {
        try await self.gateway.call(context, MonitoringService.Method.summary) { caller in
            let summary = try self.monitor.summary(caller)
            var byAlgorithm: [String: UInt64] = [:]
            for (family, count) in summary.byAlgorithm { byAlgorithm[family.rawValue] = UInt64(clamping: count) }
            return CertAPI.MonitoringSummary(
                status: summary.status.wire,
                byAlgorithm: byAlgorithm,
                deployed: UInt64(clamping: summary.deployed),
                notDeployed: UInt64(clamping: summary.notDeployed),
                notificationsOn: UInt64(clamping: summary.notificationsOn),
                notificationsOff: UInt64(clamping: summary.notificationsOff),
                now: Timestamp(summary.now)
            )
        }
    }

    func timeline(_ request: ExpiryTimelineRequest, context: CallContext) async throws -> CertAPI.ExpiryTimeline {
        try await self.gateway.call(context, MonitoringService.Method.timeline) { caller in
            let period: CertDomain.ExpiryTimeline.Period
            switch request.period {
            case .periodUnspecified, .week: period = .week
            case .month: period = .month
            case .unrecognized(let value):
                throw DomainError.invalidArgument(field: "period", detail: "unknown value \(value); use week or month")
            }
            let timeline = try self.monitor.timeline(
                caller, period: period, buckets: request.buckets == 0 ? 12 : Int(request.buckets))
            return CertAPI.ExpiryTimeline(
                period: period == .week ? .week : .month,
                now: Timestamp(timeline.now),
                expired: UInt64(clamping: timeline.expired),
                buckets: timeline.buckets.map { bucket in
                    TimelineBucket(
                        start: Timestamp(bucket.start), end: Timestamp(bucket.end),
                        count: UInt64(bucket.certificateIDs.count),
                        certificateIds: bucket.certificateIDs.map(\.rawValue))
                },
                later: UInt64(clamping: timeline.later)
            )
        }
    }
}
