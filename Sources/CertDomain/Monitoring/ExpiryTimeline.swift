public import Foundation

/// Certificates per week or month until expiry, for a bar chart.
///
/// Role: the answer of ``InventoryMonitor/timeline(_:period:buckets:)``.
/// Invariants: buckets are contiguous (`buckets[i].end == buckets[i+1].start`), the first starts at
/// `now`; an entry is in the bucket with `start <= notAfter < end`; `expired + later + sum(counts)`
/// is the account's entry count.
/// Isolation: a value type.
public struct ExpiryTimeline: Sendable, Equatable {
    /// The width of a bucket.
    public enum Period: String, Sendable, Hashable, CaseIterable {
        /// Seven days.
        case week
        /// A calendar month (UTC); the first bucket runs from now to the start of the next month.
        case month
    }

    /// One bucket: entries expiring in [start, end).
    public struct Bucket: Sendable, Equatable {
        public var start: Date
        public var end: Date
        /// Soonest first.
        public var certificateIDs: [CertificateID]

        public init(start: Date, end: Date, certificateIDs: [CertificateID] = []) {
            self.start = start
            self.end = end
            self.certificateIDs = certificateIDs
        }
    }

    public var period: Period
    public var now: Date
    public var expired: Int
    public var buckets: [Bucket]
    public var later: Int

    public init(period: Period, now: Date, expired: Int, buckets: [Bucket], later: Int) {
        self.period = period
        self.now = now
        self.expired = expired
        self.buckets = buckets
        self.later = later
    }
}
