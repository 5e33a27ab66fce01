/// A position in a schema file, as a compiler would print it.
///
/// Invariant: `line` and `column` are 1-based; `column` counts Unicode scalars.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The schema path as given to the generator (kept relative so output stays machine-independent).
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    /// `path:line:column`.
    public var description: String { "\(self.file):\(self.line):\(self.column)" }
}
