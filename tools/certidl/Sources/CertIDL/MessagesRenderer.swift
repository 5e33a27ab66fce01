/// Renders `Messages.generated.swift`: one public struct per schema `struct` and one public enum
/// per schema `enum`, in declaration order.
///
/// Role: the renderer stage for data types; reads only the resolved ``Schema``.
struct MessagesRenderer {
    let schema: Schema

    /// The whole file.
    func render() -> GeneratedFile {
        var writer = CodeWriter()
        writer.line(GeneratedFile.header(for: self.schema))
        writer.line("// Regenerate with tools/regenerate.sh; the encoding is specified in docs/SCHEMA.md.")
        writer.line("")
        writer.line("public import CertWire")
        for declaration in self.schema.declarations {
            switch declaration {
            case .message(let message):
                writer.line("")
                Self.renderMessage(message, into: &writer)
            case .enumeration(let enumeration):
                writer.line("")
                Self.renderEnumeration(enumeration, into: &writer)
            case .service:
                continue
            }
        }
        return GeneratedFile(name: "Messages.generated.swift", contents: writer.text)
    }

    /// A struct with defaults, a memberwise init and the codec:
    /// ```swift
    /// public struct EchoRequest: CertWire.WireMessage, Swift.Hashable {
    ///     public var payload: [Swift.UInt8] = []
    ///     public init() {}
    ///     public init(payload: [Swift.UInt8] = []) { self.payload = payload }
    ///     public init(from reader: inout CertWire.WireReader) throws(CertWire.WireDecodingError) { ... }
    ///     public func encode(to writer: inout CertWire.WireWriter) { ... }
    /// }
    /// ```
    static func renderMessage(_ message: Schema.Message, into writer: inout CodeWriter) {
        writer.documentation(message.documentation)
        writer.block("public struct \(message.swiftName): CertWire.WireMessage, Swift.Hashable") { body in
            for field in message.fields {
                body.documentation(field.documentation)
                body.line("public var \(field.swiftName): \(field.kind.swiftType) = \(field.kind.swiftDefault)")
            }
            body.blankLine()
            body.line("/// Creates a message with every field at its default.")
            body.line("public init() {}")
            if !message.fields.isEmpty {
                body.line("")
                body.line("/// Creates a message; omitted fields keep their defaults.")
                body.listBlock(
                    open: "public init(",
                    items: message.fields.map { "\($0.swiftName): \($0.kind.swiftType) = \($0.kind.swiftDefault)" },
                    close: ")"
                ) { initBody in
                    for field in message.fields { initBody.line("self.\(field.swiftName) = \(field.swiftName)") }
                }
            }
            body.line("")
            Self.renderDecoder(message, into: &body)
            body.line("")
            Self.renderEncoder(message, into: &body)
        }
    }

    /// ```swift
    /// public init(from reader: inout CertWire.WireReader) throws(CertWire.WireDecodingError) {
    ///     self.init()
    ///     while let tag = try reader.nextTag() {
    ///         switch tag.fieldNumber {
    ///         case 1: self.payload = try reader.read(tag, as: [Swift.UInt8].self)
    ///         default: try reader.skip(tag)
    ///         }
    ///     }
    /// }
    /// ```
    static func renderDecoder(_ message: Schema.Message, into writer: inout CodeWriter) {
        writer.block("public init(from reader: inout CertWire.WireReader) throws(CertWire.WireDecodingError)") { body in
            guard !message.fields.isEmpty else {
                body.line("while let tag = try reader.nextTag() { try reader.skip(tag) }")
                return
            }
            body.line("self.init()")
            body.block("while let tag = try reader.nextTag()") { loop in
                loop.line("switch tag.fieldNumber {")
                for field in message.fields.sorted(by: { $0.number < $1.number }) {
                    let statement: String
                    switch field.kind {
                    case .singular(let value), .optional(let value):
                        statement = "self.\(field.swiftName) = try reader.read(tag, as: \(value.swiftType).self)"
                    case .list:
                        statement = "try reader.readList(tag, into: &self.\(field.swiftName))"
                    case .map:
                        statement = "try reader.readMapEntry(tag, into: &self.\(field.swiftName))"
                    }
                    let clause = "case \(field.number): \(statement)"
                    if loop.fits(clause) {
                        loop.line(clause)
                    } else {
                        loop.line("case \(field.number):")
                        loop.indented { $0.line(statement) }
                    }
                }
                loop.line("default: try reader.skip(tag)")
                loop.line("}")
            }
        }
    }

    /// ```swift
    /// public func encode(to writer: inout CertWire.WireWriter) {
    ///     writer.writeSingular(1, self.payload)
    /// }
    /// ```
    static func renderEncoder(_ message: Schema.Message, into writer: inout CodeWriter) {
        guard !message.fields.isEmpty else {
            writer.line("public func encode(to writer: inout CertWire.WireWriter) {}")
            return
        }
        writer.block("public func encode(to writer: inout CertWire.WireWriter)") { body in
            for field in message.fields.sorted(by: { $0.number < $1.number }) {
                let function: String
                switch field.kind {
                case .singular: function = "writeSingular"
                case .optional: function = "writeOptional"
                case .list: function = "writeList"
                case .map: function = "writeMap"
                }
                body.line("writer.\(function)(\(field.number), self.\(field.swiftName))")
            }
        }
    }

    /// An enum that keeps unknown values:
    /// ```swift
    /// public enum Site: CertWire.WireEnum {
    ///     case china
    ///     case unrecognized(Swift.Int32)
    ///     public init(rawValue: Swift.Int32) { ... }
    ///     public var rawValue: Swift.Int32 { ... }
    /// }
    /// ```
    static func renderEnumeration(_ enumeration: Schema.Enumeration, into writer: inout CodeWriter) {
        writer.documentation(enumeration.documentation)
        writer.block("public enum \(enumeration.swiftName): CertWire.WireEnum") { body in
            for enumCase in enumeration.cases {
                body.documentation(enumCase.documentation)
                body.line("case \(enumCase.swiftName)")
            }
            body.line("/// A value this build does not know; kept so that it survives decoding and re-encoding.")
            body.line("case \(Namer.unrecognizedCaseName)(Swift.Int32)")
            body.line("")
            body.line("/// Maps any wire value; unknown ones become `.\(Namer.unrecognizedCaseName)`.")
            body.block("public init(rawValue: Swift.Int32)") { initBody in
                initBody.line("switch rawValue {")
                for enumCase in enumeration.cases {
                    initBody.line("case \(enumCase.value): self = .\(enumCase.swiftName)")
                }
                initBody.line("default: self = .\(Namer.unrecognizedCaseName)(rawValue)")
                initBody.line("}")
            }
            body.line("")
            body.line("/// The value on the wire.")
            body.block("public var rawValue: Swift.Int32") { property in
                property.line("switch self {")
                for enumCase in enumeration.cases {
                    property.line("case .\(enumCase.swiftName): \(enumCase.value)")
                }
                property.line("case .\(Namer.unrecognizedCaseName)(let value): value")
                property.line("}")
            }
        }
    }
}
