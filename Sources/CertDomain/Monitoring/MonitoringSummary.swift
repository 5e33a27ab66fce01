public import Foundation

/// One account's inventory at a glance: the monitoring view of issue 7.
///
/// Role: the answer of ``InventoryMonitor/summary(_:)``.
/// Invariants: `deployed + notDeployed == status.total`; `notificationsOn + notificationsOff ==
/// status.total`; `byAlgorithm` sums to `status.total` (key algorithms with no entries are absent).
/// Isolation: a value type.
public struct MonitoringSummary: Sendable, Equatable {
    /// Counts by expiry status and source.
    public var status: CertificateSummary
    public var byAlgorithm: [KeyFamily: Int]
    public var deployed: Int
    public var notDeployed: Int
    public var notificationsOn: Int
    public var notificationsOff: Int
    /// The instant the counts were taken at.
    public var now: Date

    public init(
        status: CertificateSummary, byAlgorithm: [KeyFamily: Int], deployed: Int, notDeployed: Int,
        notificationsOn: Int, notificationsOff: Int, now: Date
    ) {
        self.status = status
        self.byAlgorithm = byAlgorithm
        self.deployed = deployed
        self.notDeployed = notDeployed
        self.notificationsOn = notificationsOn
        self.notificationsOff = notificationsOff
        self.now = now
    }
}
