public import Foundation

extension Date {
    /// Whole milliseconds since 1970-01-01 (rounded toward negative infinity): how the domain stores
    /// times, and how the store should encode them (an `Int64`), so a round trip is exact.
    public var unixMilliseconds: Int64 { Int64((self.timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Whole seconds since 1970-01-01 (rounded toward negative infinity): the unit of expiry comparisons.
    public var unixSeconds: Int64 { Int64(self.timeIntervalSince1970.rounded(.down)) }

    /// The date at `milliseconds` since 1970.
    public init(unixMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// This date cut down to whole milliseconds (what every timestamp the domain stores looks like).
    public var truncatedToMilliseconds: Date { Date(unixMilliseconds: self.unixMilliseconds) }
}
