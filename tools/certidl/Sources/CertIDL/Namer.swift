/// Maps schema names to Swift names: the one place that decides spelling and keyword escaping.
///
/// Role: used by the validator (to detect names that collide once mapped) and, through the
/// resolved ``Schema``, by the renderer.
/// Invariant: a returned identifier is always valid Swift in declaration and member position.
public enum Namer {
    /// Swift keywords and names that need backticks when used as identifiers.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw",
        "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws",
        "true", "try", "Type", "Protocol", "consume", "copy", "discard", "borrowing", "consuming", "async", "some",
        "any", "macro", "package",
    ]

    /// Type names the generated code declares itself, inside service namespaces or as conformances.
    static let reservedTypeNames: Set<String> = [
        "Method", "Handler", "Dispatcher", "Client", "Swift", "CertWire", "Self", "Type", "Protocol", "Any",
    ]

    /// Field names that would break generated code: `self` would shadow `self` in the memberwise
    /// init; the others would collide with members every message already has.
    static let reservedFieldNames: Set<String> = ["self", "Self", "Type", "Protocol", "isWireDefault", "hashValue"]

    /// The name of the enum case that holds unknown values.
    static let unrecognizedCaseName = "unrecognized"

    /// An identifier, in backticks when it is a keyword.
    /// - Parameter name: a schema name (already a valid identifier lexically).
    /// - Returns: a Swift identifier.
    public static func identifier(_ name: String) -> String {
        self.keywords.contains(name) ? "`\(name)`" : name
    }

    /// The Swift type name of a struct or enum: the schema name unchanged.
    public static func typeName(_ name: String) -> String { name }

    /// The namespace enum of a service: `Echo` -> `EchoService` (a name already ending in
    /// `Service` is kept).
    public static func serviceNamespace(_ name: String) -> String {
        name.hasSuffix("Service") ? name : name + "Service"
    }

    /// A property, case or function name: the first letter lower-cased (`Check` -> `check`),
    /// a leading acronym lower-cased as a whole (`CSRInfo` -> `csrInfo`), escaped if a keyword.
    public static func memberName(_ name: String) -> String {
        let scalars = Array(name.unicodeScalars)
        var upperPrefix = 0
        while upperPrefix < scalars.count, ("A"..."Z").contains(scalars[upperPrefix]) { upperPrefix += 1 }
        let lowered: Int
        switch upperPrefix {
        case 0: lowered = 0
        case 1, scalars.count: lowered = upperPrefix
        default: lowered = upperPrefix - 1
        }
        var result = ""
        for (index, scalar) in scalars.enumerated() {
            result += index < lowered ? String(scalar).lowercased() : String(scalar)
        }
        return self.identifier(result)
    }

    /// The bare name, without keyword backticks, for collision checks.
    public static func unescaped(_ identifier: String) -> String {
        identifier.hasPrefix("`") ? String(identifier.dropFirst().dropLast()) : identifier
    }
}
