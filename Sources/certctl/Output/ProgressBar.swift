import Foundation

/// A one-line progress bar on stderr, redrawn in place (`\r`), for long batches on a terminal.
///
/// Role: `pca sync` shows real progress chunk by chunk. Disabled (draws nothing) when stderr is not
/// a terminal or output is JSON, so scripts and logs stay clean.
/// Isolation: a plain value owned by the command's task.
struct ProgressBar {
    let total: Int
    let label: String
    let isEnabled: Bool
    private static let width = 30

    init(total: Int, label: String, isEnabled: Bool) {
        self.total = total
        self.label = label
        self.isEnabled = isEnabled && total > 0
        self.update(done: 0)
    }

    /// Redraws the bar with `done` of `total` finished.
    ///
    /// ```
    /// syncing [###########-------------------]  372/1000  37%
    /// ```
    func update(done: Int) {
        guard self.isEnabled else { return }
        FileHandle.standardError.write(Data(("\r" + Self.line(label: self.label, done: done, total: self.total)).utf8))
    }

    /// Ends the line under the finished bar.
    func finish() {
        guard self.isEnabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }

    /// The bar's text for `done` of `total`.
    static func line(label: String, done: Int, total: Int) -> String {
        let clamped = min(max(done, 0), total)
        let filled = total == 0 ? Self.width : Self.width * clamped / total
        let percent = total == 0 ? 100 : 100 * clamped / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: Self.width - filled)
        let count = String(clamped).leftPadded(to: String(total).count)
        return "\(label) [\(bar)] \(count)/\(total) \(String(percent).leftPadded(to: 3))%"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        self.count >= width ? self : String(repeating: " ", count: width - self.count) + self
    }
}
