import CertWire
import Foundation

extension Timestamp {
    /// The time as a `Date`.
    var date: Date {
        Date(timeIntervalSince1970: TimeInterval(self.seconds) + TimeInterval(self.nanoseconds) / 1e9)
    }

    /// ISO 8601 in UTC with whole seconds, e.g. `2026-11-29T11:44:14Z`; empty for the epoch,
    /// which the wire uses for "not set".
    var iso8601: String {
        self == .epoch ? "" : Self.formatter.string(from: self.date)
    }

    /// The calendar date in UTC, e.g. `2026-11-29`, for tables.
    var day: String {
        String(self.iso8601.prefix(10))
    }

    private static var formatter: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }
}
