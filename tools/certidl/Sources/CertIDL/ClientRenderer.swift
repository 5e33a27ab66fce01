/// Renders `Client.generated.swift`: per service, a `Client` struct with one async function per
/// rpc, over any `CertWire.RPCClientTransport`.
///
/// Role: the renderer stage for the client side; reads only the resolved ``Schema``.
struct ClientRenderer {
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
            Self.renderClient(service, into: &writer)
        }
        return GeneratedFile(name: "Client.generated.swift", contents: writer.text)
    }

    /// ```swift
    /// extension EchoService {
    ///     public struct Client: Swift.Sendable {
    ///         public func echo(_ request: EchoRequest, options: CertWire.CallOptions = .init())
    ///             async throws -> EchoResponse
    ///     }
    /// }
    /// ```
    static func renderClient(_ service: Schema.Service, into writer: inout CodeWriter) {
        writer.block("extension \(service.swiftName)") { namespace in
            namespace.line("/// Calls \(service.name) through any transport (CertRPC's client, or an in-memory fake).")
            namespace.line("///")
            namespace.line("/// A response that does not decode fails with `internal` (reason `badResponsePayload`).")
            namespace.block("public struct Client: Swift.Sendable") { body in
                body.line("/// Carries the calls.")
                body.line("public let transport: any CertWire.RPCClientTransport")
                body.line("")
                body.line("/// - Parameter transport: carries the calls.")
                body.block("public init(transport: any CertWire.RPCClientTransport)") {
                    $0.line("self.transport = transport")
                }
                for method in service.methods {
                    body.line("")
                    body.documentation(method.documentation)
                    if !method.documentation.isEmpty { body.line("///") }
                    body.line("/// - Throws: `CertWire.RPCError` with the server's or the transport's status.")
                    body.listBlock(
                        open: "public func \(method.swiftName)(",
                        items: ["_ request: \(method.requestSwiftName)", "options: CertWire.CallOptions = .init()"],
                        close: ") async throws -> \(method.responseSwiftName)"
                    ) { function in
                        function.line("let response = try await self.transport.unary(")
                        function.indented { arguments in
                            arguments.line("method: Method.\(method.swiftName),")
                            arguments.line("request: request.serializedBytes(),")
                            arguments.line("options: options")
                        }
                        function.line(")")
                        function.list(
                            open: "return try \(method.responseSwiftName)(",
                            items: ["responsePayload: response", "method: Method.\(method.swiftName)"],
                            close: ")"
                        )
                    }
                }
            }
        }
    }
}
