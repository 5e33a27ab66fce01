/// Counts of one account's certificate entries, for the monitoring view.
///
/// Semantics (whole seconds, as ``ExpiryFilter``, at the `now` passed to
/// ``InventoryReader/countCertificates(owner:now:)``):
/// - `expired`: `.expired`; `valid`: `.validBeyond(days: 30)`;
/// - `expiringWithin30/60/90`: `.expiringWithin(days:)` (cumulative: 60 includes 30);
/// - `total = expired + expiringWithin30 + valid`; `bySource` counts every entry, sources with no
///   entries are absent.
public struct CertificateSummary: Sendable, Equatable {
    public var total: Int
    public var valid: Int
    public var expiringWithin30: Int
    public var expiringWithin60: Int
    public var expiringWithin90: Int
    public var expired: Int
    public var bySource: [CertificateSource: Int]

    public init(
        total: Int = 0,
        valid: Int = 0,
        expiringWithin30: Int = 0,
        expiringWithin60: Int = 0,
        expiringWithin90: Int = 0,
        expired: Int = 0,
        bySource: [CertificateSource: Int] = [:]
    ) {
        self.total = total
        self.valid = valid
        self.expiringWithin30 = expiringWithin30
        self.expiringWithin60 = expiringWithin60
        self.expiringWithin90 = expiringWithin90
        self.expired = expired
        self.bySource = bySource
    }
}
