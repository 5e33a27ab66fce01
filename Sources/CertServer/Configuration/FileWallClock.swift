public import CertDomain
public import Foundation

/// A wall clock read from a file on every ``now()``: lets end-to-end tests move a running certd's time.
///
/// Role: `certd serve --clock-file PATH` (a testing option). The file holds either an ISO-8601
/// instant (`2030-01-01T00:00:00Z`, the clock stands there) or a signed offset in seconds from the
/// system clock (`+86400`, `-3600.5`). A missing, empty or unparsable file gives the system time, so
/// a test may write the file after certd started.
/// Invariant: ``now()`` returns whole milliseconds, as every ``WallClock``.
/// Isolation: stateless apart from the path; every call re-reads the file (tests only, so the cost of
/// a small read per call is fine).
public struct FileWallClock: WallClock {
    /// The file holding the instant or offset.
    public let path: String

    /// - Parameter path: the clock file.
    public init(path: String) {
        self.path = path
    }

    public func now() -> Date {
        let system = Date()
        guard let data = FileManager.default.contents(atPath: self.path),
            let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
            let date = Self.parse(text, system: system)
        else { return system.truncatedToMilliseconds }
        return date.truncatedToMilliseconds
    }

    /// Reads the file's contents.
    /// - Parameters:
    ///   - text: an ISO-8601 instant or a signed offset in seconds (`+N` / `-N`).
    ///   - system: the system time the offset is added to.
    /// - Returns: the instant, or nil when `text` is neither.
    public static func parse(_ text: String, system: Date) -> Date? {
        if let first = text.first, first == "+" || first == "-", let offset = Double(text) {
            return system.addingTimeInterval(offset)
        }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
