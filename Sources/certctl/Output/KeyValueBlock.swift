/// A short `key: value` block for one item (`cert get`, `csr get`, `tools describe`, ...).
///
/// Role: the human form of a single result; keys are padded so values line up.
/// Invariant: rows with an empty value are left out, so the block shows only what is known.
/// Isolation: a plain value.
struct KeyValueBlock {
    private var rows: [(key: String, value: String)] = []

    init() {}

    /// Adds a row (skipped when `value` is empty).
    mutating func add(_ key: String, _ value: String) {
        guard !value.isEmpty else { return }
        self.rows.append((key, value))
    }

    /// Renders the block without a trailing newline.
    ///
    /// ```
    /// id:          cert-01ab
    /// name:        web
    /// ```
    func render() -> String {
        let width = (self.rows.map { $0.key.count }.max() ?? 0) + 2
        return self.rows.map { row in
            let label = row.key + ":"
            return label + String(repeating: " ", count: width - label.count) + row.value
        }.joined(separator: "\n")
    }
}
