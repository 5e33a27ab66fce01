/// One problem found in a schema, with where it is and what is wrong.
///
/// Role: every stage (lexer, parser, validator) reports through these and keeps going, so the
/// author sees all problems at once. The CLI prints ``description`` and exits non-zero on any error.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How bad a problem is.
    public enum Severity: String, Sendable, Hashable {
        /// The schema cannot be generated.
        case error
        /// Generation proceeds, but the schema breaks a convention.
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// Compiler style: `path:line:col: error: message`.
    public var description: String { "\(self.location): \(self.severity.rawValue): \(self.message)" }
}

extension [Diagnostic] {
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { self.contains { $0.severity == .error } }
}
