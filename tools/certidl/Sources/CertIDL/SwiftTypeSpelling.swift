/// How resolved schema types are spelled in generated Swift (always fully qualified, so a schema
/// type named like a standard-library type cannot capture the name).
extension Schema.ValueType {
    /// The Swift type, e.g. `Swift.UInt32`, `[Swift.UInt8]`, `CertWire.Timestamp`, `Site`.
    var swiftType: String {
        switch self {
        case .scalar(let scalar): scalar.swiftType
        case .enumeration(let swiftName, _): swiftName
        case .message(let swiftName): swiftName
        }
    }

    /// The default value expression of a non-optional field of this type.
    var swiftDefault: String {
        switch self {
        case .scalar(let scalar): scalar.swiftDefault
        case .enumeration(_, let zeroCase): ".\(zeroCase)"
        case .message(let swiftName): "\(swiftName)()"
        }
    }
}

extension Schema.Scalar {
    /// The Swift type a scalar maps to.
    var swiftType: String {
        switch self {
        case .bool: "Swift.Bool"
        case .int32: "Swift.Int32"
        case .int64: "Swift.Int64"
        case .uint32: "Swift.UInt32"
        case .uint64: "Swift.UInt64"
        case .double: "Swift.Double"
        case .string: "Swift.String"
        case .bytes: "[Swift.UInt8]"
        case .timestamp: "CertWire.Timestamp"
        }
    }

    /// The scalar's default value expression.
    var swiftDefault: String {
        switch self {
        case .bool: "false"
        case .int32, .int64, .uint32, .uint64, .double: "0"
        case .string: "\"\""
        case .bytes: "[]"
        case .timestamp: ".epoch"
        }
    }
}

extension Schema.FieldKind {
    /// The property type.
    var swiftType: String {
        switch self {
        case .singular(let value): value.swiftType
        case .optional(let value): value.swiftType + "?"
        case .list(let value): "[\(value.swiftType)]"
        case .map(let value): "[Swift.String: \(value.swiftType)]"
        }
    }

    /// The property's default value.
    var swiftDefault: String {
        switch self {
        case .singular(let value): value.swiftDefault
        case .optional: "nil"
        case .list: "[]"
        case .map: "[:]"
        }
    }

    /// The value type inside any wrapping.
    var valueType: Schema.ValueType {
        switch self {
        case .singular(let value), .optional(let value), .list(let value), .map(let value): value
        }
    }
}
