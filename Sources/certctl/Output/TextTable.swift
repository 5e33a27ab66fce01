/// An aligned plain-text table for certctl's human output.
///
/// Role: every list command prints through it so columns line up the same way everywhere.
/// Invariant: each row has as many cells as there are headers (shorter rows are padded).
struct TextTable {
    /// Column titles, printed in upper case.
    var headers: [String]
    /// The cells, row by row.
    var rows: [[String]] = []

    /// Renders the table with two spaces between columns and no trailing spaces.
    /// - Returns: the lines joined by newlines, ending without one.
    ///
    /// ```
    /// ID          NAME   STATUS
    /// cert-01ab   web    valid
    /// ```
    func render() -> String {
        let allRows = [self.headers.map { $0.uppercased() }] + self.rows
        var widths = [Int](repeating: 0, count: self.headers.count)
        for row in allRows {
            for (index, cell) in row.prefix(widths.count).enumerated() {
                widths[index] = max(widths[index], cell.count)
            }
        }
        return allRows.map { row in
            var line = ""
            for index in widths.indices {
                let cell = index < row.count ? row[index] : ""
                line += index == widths.count - 1 ? cell : cell.padding(toLength: widths[index] + 2)
            }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        self.count >= length ? self : self + String(repeating: " ", count: length - self.count)
    }
}
