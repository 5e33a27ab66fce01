/// The parsed, unvalidated form of schema files (the AST).
///
/// Role: the parser's output and the validator's input. Names are still strings; nothing is
/// resolved or checked yet. Every node keeps the locations the validator needs for diagnostics.
public enum Syntax {
    /// One parsed schema file.
    public struct File: Sendable, Hashable {
        public var path: String
        public var declarations: [Declaration]
    }

    /// A top-level declaration, in source order.
    public enum Declaration: Sendable, Hashable {
        case structure(Structure)
        case enumeration(Enumeration)
        case service(Service)
    }

    /// A name with where it was written.
    public struct Name: Sendable, Hashable {
        public var text: String
        public var location: SourceLocation
    }

    /// An integer literal with where it was written; `value` is nil when it did not fit 64 bits.
    public struct Number: Sendable, Hashable {
        public var value: UInt64?
        public var location: SourceLocation
    }

    /// `reserved 5, 7 to 9;`: one range per comma-separated item.
    public struct ReservedRange: Sendable, Hashable {
        public var lower: Number
        public var upper: Number
    }

    /// A field's type as written.
    public indirect enum TypeReference: Sendable, Hashable {
        /// A scalar keyword or the name of a struct or enum.
        case named(Name)
        /// `optional T`.
        case optional(TypeReference, SourceLocation)
        /// `list<T>`.
        case list(TypeReference, SourceLocation)
        /// `map<K, V>`.
        case map(key: TypeReference, value: TypeReference, SourceLocation)

        /// Where the type starts.
        public var location: SourceLocation {
            switch self {
            case .named(let name): name.location
            case .optional(_, let location), .list(_, let location), .map(_, _, let location): location
            }
        }
    }

    /// `struct Name { ... }`.
    public struct Structure: Sendable, Hashable {
        public var documentation: [String]
        public var name: Name
        public var fields: [Field]
        public var reserved: [ReservedRange]
    }

    /// `type name = number;`.
    public struct Field: Sendable, Hashable {
        public var documentation: [String]
        public var type: TypeReference
        public var name: Name
        public var number: Number
    }

    /// `enum Name { ... }`.
    public struct Enumeration: Sendable, Hashable {
        public var documentation: [String]
        public var name: Name
        public var cases: [EnumCase]
        public var reserved: [ReservedRange]
    }

    /// `caseName = value;`.
    public struct EnumCase: Sendable, Hashable {
        public var documentation: [String]
        public var name: Name
        public var value: Number
    }

    /// `service Name = number { ... }`.
    public struct Service: Sendable, Hashable {
        public var documentation: [String]
        public var name: Name
        public var number: Number
        public var methods: [Method]
    }

    /// `rpc Name(Request) returns (Response) = number;`.
    public struct Method: Sendable, Hashable {
        public var documentation: [String]
        public var name: Name
        public var request: Name
        public var response: Name
        public var number: Number
    }
}
