/// Draws an expiry timeline as horizontal unicode bars that fit an 80-column terminal.
///
/// Role: the text output of `certctl cert timeline`.
/// Invariant: every line is at most ``width`` columns; a non-zero count always draws at least a
/// one-eighth block, so small buckets stay visible next to large ones.
/// Isolation: a namespace of pure functions.
enum TimelineChart {
    /// The terminal width the chart fits.
    static let width = 80
    private static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The chart lines: one per row, `label │bar count`.
    /// - Parameter rows: label (at most 24 characters) and count per bar.
    /// - Returns: the lines.
    static func render(_ rows: [(label: String, count: UInt64)]) -> [String] {
        let labelWidth = min(24, rows.map(\.label.count).max() ?? 0)
        let largest = rows.map(\.count).max() ?? 0
        let countWidth = String(largest).count
        let barWidth = max(1, Self.width - labelWidth - countWidth - 4)
        return rows.map { row in
            let label = String(row.label.prefix(labelWidth))
            let padded = label + String(repeating: " ", count: labelWidth - label.count)
            let bar = Self.bar(row.count, largest: largest, width: barWidth)
            let gap = String(repeating: " ", count: barWidth - bar.count + 1)
            return "\(padded) │\(bar)\(gap)\(row.count)"
        }
    }

    /// A bar of `count / largest * width` columns in eighths of a block.
    static func bar(_ count: UInt64, largest: UInt64, width: Int) -> String {
        guard count > 0, largest > 0 else { return "" }
        let units = max(1, Int((Double(count) / Double(largest) * Double(width * 8)).rounded()))
        return String(repeating: "█", count: units / 8) + Self.eighths[units % 8]
    }
}
