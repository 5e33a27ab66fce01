/// Accumulates generated Swift text with indentation: the renderer's only output primitive.
///
/// Role: keeps indentation (4 spaces) and blank-line handling in one place so every renderer
/// function emits formatter-clean text.
/// Invariant: no line has trailing whitespace; the text ends with exactly one newline.
struct CodeWriter {
    static let maximumLineLength = 120

    private var lines: [String] = []
    private var level = 0

    /// The current indentation width in columns.
    var indentWidth: Int { self.level * 4 }

    /// Appends one line at the current indentation (an empty string gives an empty line).
    mutating func line(_ text: String) {
        self.lines.append(text.isEmpty ? "" : String(repeating: " ", count: self.indentWidth) + text)
    }

    /// Appends an empty line unless the previous line is empty or opens a block.
    mutating func blankLine() {
        guard let last = self.lines.last, !last.isEmpty, !last.hasSuffix("{") else { return }
        self.lines.append("")
    }

    /// Appends `/// line` for each documentation line.
    mutating func documentation(_ lines: [String]) {
        for text in lines { self.line(text.isEmpty ? "///" : "/// \(text)") }
    }

    /// Writes `header {`, the body one level deeper, then `}`.
    mutating func block(_ header: String, _ body: (inout CodeWriter) -> Void) {
        self.line(header + " {")
        self.level += 1
        body(&self)
        self.level -= 1
        self.line("}")
    }

    /// Writes `open` + items + `close` on one line when it fits in 120 columns, otherwise one item
    /// per line, indented, with `close` on its own line.
    /// ```swift
    /// func f(_ a: A, b: B) -> C {
    /// func f(
    ///     _ a: A,
    ///     b: B
    /// ) -> C {
    /// ```
    /// Pass `isCollectionLiteral` for array literals: swift-format wants a trailing comma after the
    /// last element of a multi-line collection literal, but not after the last argument of a call.
    mutating func list(open: String, items: [String], close: String, isCollectionLiteral: Bool = false) {
        let single = open + items.joined(separator: ", ") + close
        if self.indentWidth + single.count <= Self.maximumLineLength {
            self.line(single)
            return
        }
        self.line(open)
        self.level += 1
        for (index, item) in items.enumerated() {
            self.line(item + (index == items.count - 1 && !isCollectionLiteral ? "" : ","))
        }
        self.level -= 1
        self.line(close.trimmingLeadingSpaces())
    }

    /// Like ``list(open:items:close:)`` for a block header, then the body and `}`.
    mutating func listBlock(open: String, items: [String], close: String, _ body: (inout CodeWriter) -> Void) {
        self.list(open: open, items: items, close: close + " {")
        self.level += 1
        body(&self)
        self.level -= 1
        self.line("}")
    }

    /// Runs `body` one level deeper.
    mutating func indented(_ body: (inout CodeWriter) -> Void) {
        self.level += 1
        body(&self)
        self.level -= 1
    }

    /// Whether `text` fits on a line at the current indentation plus `extra` levels.
    func fits(_ text: String, extraLevels: Int = 0) -> Bool {
        self.indentWidth + extraLevels * 4 + text.count <= Self.maximumLineLength
    }

    /// The finished text.
    var text: String {
        var lines = self.lines
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate func trimmingLeadingSpaces() -> String { String(self.drop { $0 == " " }) }
}
