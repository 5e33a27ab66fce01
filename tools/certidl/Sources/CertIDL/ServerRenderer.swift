/// Renders `Server.generated.swift`: per service, the namespace enum with its method descriptors,
/// the `Handler` protocol a server implements and the `Dispatcher` that plugs it into CertRPC.
///
/// Role: the renderer stage for the server side; reads only the resolved ``Schema``.
struct ServerRenderer {
    let schema: Schema

    /// The whole file.
    func render() -> GeneratedFile {
        var writer = CodeWriter()
        writer.line(GeneratedFile.header(for: self.schema))
        writer.line("// Regenerate with tools/regenerate.sh.")
        writer.line("")
        writer.line("public import CertWire")
        for case .service(let service) in self.schema.declarations {
            writer.line("")
            Self.renderService(service, into: &writer)
        }
        return GeneratedFile(name: "Server.generated.swift", contents: writer.text)
    }

    /// A method id as `0xSSSS_MMMM`, so the service and method numbers are readable.
    static func hexID(_ id: UInt32) -> String {
        func hex(_ value: UInt32) -> String {
            let digits = String(value, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
        return "0x\(hex(id >> 16))_\(hex(id & 0xFFFF))"
    }

    /// ```swift
    /// public enum EchoService {
    ///     public enum Method { public static let echo = CertWire.RPCMethod(id: 0x0002_0001, name: "Echo/Echo") }
    ///     public static let methods: [CertWire.RPCMethod] = [Method.echo]
    ///     public protocol Handler: Swift.Sendable { func echo(...) async throws -> EchoResponse }
    ///     public struct Dispatcher<Implementation: Handler>: CertWire.RPCService { ... }
    /// }
    /// ```
    static func renderService(_ service: Schema.Service, into writer: inout CodeWriter) {
        writer.documentation(service.documentation)
        if !service.documentation.isEmpty { writer.line("///") }
        writer.line("/// Service number \(service.number): method ids are `\(service.number) << 16 | rpc number`.")
        writer.block("public enum \(service.swiftName)") { body in
            body.line("/// The methods of \(service.name), as carried on the wire.")
            body.block("public enum Method") { methods in
                for method in service.methods {
                    methods.documentation(method.documentation)
                    methods.list(
                        open: "public static let \(method.swiftName) = CertWire.RPCMethod(",
                        items: [
                            "id: \(Self.hexID(method.id(in: service)))", "name: \"\(service.name)/\(method.name)\"",
                        ],
                        close: ")"
                    )
                }
            }
            body.line("")
            body.line("/// Every method of the service, in schema order.")
            body.list(
                open: "public static let methods: [CertWire.RPCMethod] = [",
                items: service.methods.map { "Method.\($0.swiftName)" },
                close: "]",
                isCollectionLiteral: true
            )
            body.line("")
            Self.renderHandler(service, into: &body)
            body.line("")
            Self.renderDispatcher(service, into: &body)
        }
    }

    static func handlerSignatureItems(_ method: Schema.Method) -> [String] {
        ["_ request: \(method.requestSwiftName)", "context: CertWire.CallContext"]
    }

    /// ```swift
    /// public protocol Handler: Swift.Sendable {
    ///     func echo(_ request: EchoRequest, context: CertWire.CallContext) async throws -> EchoResponse
    /// }
    /// ```
    static func renderHandler(_ service: Schema.Service, into writer: inout CodeWriter) {
        writer.line("/// What a server implements to answer \(service.name) calls; one function per rpc.")
        writer.line("///")
        writer.line(
            "/// Throw `CertWire.RPCError` to fail a call with a chosen status; anything else becomes `internal`.")
        writer.block("public protocol Handler: Swift.Sendable") { body in
            for (index, method) in service.methods.enumerated() {
                if index > 0 { body.line("") }
                body.documentation(method.documentation)
                body.list(
                    open: "func \(method.swiftName)(",
                    items: Self.handlerSignatureItems(method),
                    close: ") async throws -> \(method.responseSwiftName)"
                )
            }
        }
    }

    /// ```swift
    /// public struct Dispatcher<Implementation: Handler>: CertWire.RPCService {
    ///     public func handle(methodID: Swift.UInt32, request: [Swift.UInt8], context: CertWire.CallContext)
    ///         async throws -> [Swift.UInt8] {
    ///         switch methodID {
    ///         case 0x0002_0001:
    ///             let input = try EchoRequest(requestPayload: request, method: Method.echo)
    ///             let output = try await self.handler.echo(input, context: context)
    ///             return output.serializedBytes()
    ///         default: throw CertWire.RPCError(.unimplemented, ...)
    ///         }
    ///     }
    /// }
    /// ```
    static func renderDispatcher(_ service: Schema.Service, into writer: inout CodeWriter) {
        writer.line("/// Routes calls by method id to a ``Handler``: decodes the request, runs the handler, encodes")
        writer.line("/// the response. A request that does not decode fails with `invalidArgument`")
        writer.line("/// (reason `badRequestPayload`); an unknown method id with `unimplemented`.")
        writer.block("public struct Dispatcher<Implementation: Handler>: CertWire.RPCService") { body in
            body.line("/// The service implementation calls are routed to.")
            body.line("public let handler: Implementation")
            body.line("")
            body.line("/// - Parameter handler: the implementation to route calls to.")
            body.block("public init(handler: Implementation)") { $0.line("self.handler = handler") }
            body.line("")
            body.line("public var methods: [CertWire.RPCMethod] { \(service.swiftName).methods }")
            body.line("")
            body.listBlock(
                open: "public func handle(",
                items: ["methodID: Swift.UInt32", "request: [Swift.UInt8]", "context: CertWire.CallContext"],
                close: ") async throws -> [Swift.UInt8]"
            ) { function in
                function.line("switch methodID {")
                for method in service.methods {
                    function.line("case \(Self.hexID(method.id(in: service))):  // \(service.name)/\(method.name)")
                    function.indented { clause in
                        clause.list(
                            open: "let input = try \(method.requestSwiftName)(",
                            items: ["requestPayload: request", "method: Method.\(method.swiftName)"],
                            close: ")"
                        )
                        clause.line("let output = try await self.handler.\(method.swiftName)(input, context: context)")
                        clause.line("return output.serializedBytes()")
                    }
                }
                function.line("default:")
                function.indented { clause in
                    clause.line("throw CertWire.RPCError(")
                    clause.indented { arguments in
                        arguments.line(".unimplemented,")
                        arguments.line("\"\(service.name) has no method with id \\(methodID)\",")
                        arguments.line("reason: \"unknownMethod\"")
                    }
                    clause.line(")")
                }
                function.line("}")
            }
        }
    }
}
