/// The validated, resolved schema: what the renderer turns into Swift.
///
/// Role: the generator's only IR. Every reference is resolved, every number checked, every Swift
/// name chosen (through ``Namer``), so rendering cannot fail.
/// Invariant: built only by ``Validator`` from a schema without errors; declaration order is the
/// source order (files in the order given).
public struct Schema: Sendable, Hashable {
    /// The schema paths, as they appear in the generated header.
    public var sourcePaths: [String]
    public var declarations: [Declaration]

    /// A top-level declaration.
    public enum Declaration: Sendable, Hashable {
        case message(Message)
        case enumeration(Enumeration)
        case service(Service)
    }

    /// The schema type of one value (no optional/list/map wrapping).
    public enum ValueType: Sendable, Hashable {
        case scalar(Scalar)
        /// An enum, with the Swift type name and the Swift name of its zero case.
        case enumeration(swiftName: String, zeroCase: String)
        /// A struct, with its Swift type name.
        case message(swiftName: String)
    }

    /// The built-in scalar types and their Swift spelling.
    public enum Scalar: String, Sendable, Hashable, CaseIterable {
        case bool, int32, int64, uint32, uint64, double, string, bytes, timestamp
    }

    /// How a field holds its values.
    public enum FieldKind: Sendable, Hashable {
        case singular(ValueType)
        case optional(ValueType)
        case list(ValueType)
        case map(ValueType)
    }

    /// A `struct`.
    public struct Message: Sendable, Hashable {
        public var name: String
        public var swiftName: String
        public var documentation: [String]
        /// In source order (properties); the encoder sorts by number.
        public var fields: [Field]
    }

    /// A struct field.
    public struct Field: Sendable, Hashable {
        public var name: String
        public var swiftName: String
        public var number: UInt32
        public var documentation: [String]
        public var kind: FieldKind
    }

    /// An `enum`.
    public struct Enumeration: Sendable, Hashable {
        public var name: String
        public var swiftName: String
        public var documentation: [String]
        /// In source order.
        public var cases: [EnumCase]
    }

    /// An enum case.
    public struct EnumCase: Sendable, Hashable {
        public var name: String
        public var swiftName: String
        public var value: Int32
        public var documentation: [String]
    }

    /// A `service`.
    public struct Service: Sendable, Hashable {
        public var name: String
        /// The namespace enum, `<Name>Service`.
        public var swiftName: String
        public var number: UInt16
        public var documentation: [String]
        /// In source order.
        public var methods: [Method]
    }

    /// An `rpc`.
    public struct Method: Sendable, Hashable {
        public var name: String
        /// The handler and client function name (lower camel case).
        public var swiftName: String
        public var number: UInt16
        public var documentation: [String]
        public var requestSwiftName: String
        public var responseSwiftName: String

        /// The wire id: service number in the high 16 bits, method number in the low 16.
        public func id(in service: Service) -> UInt32 { UInt32(service.number) << 16 | UInt32(self.number) }
    }
}
