import CertIDL
import Foundation
import Testing

/// Small schema -> expected Swift, inline (grpc-swift's snippet-based translator tests).
@Suite struct SnippetTests {
    @Test func structGetsDefaultsMemberwiseInitAndCodecInFieldNumberOrder() {
        let swift = TestSupport.generated(
            """
            /// A pair.
            struct Pair {
                string right = 2;
                /// The left one.
                optional int64 left = 1;
            }
            """,
            file: "Messages.generated.swift"
        )
        #expect(
            swift.contains(
                """
                /// A pair.
                public struct Pair: CertWire.WireMessage, Swift.Hashable {
                    public var right: Swift.String = ""
                    /// The left one.
                    public var left: Swift.Int64? = nil

                    /// Creates a message with every field at its default.
                    public init() {}

                    /// Creates a message; omitted fields keep their defaults.
                    public init(right: Swift.String = "", left: Swift.Int64? = nil) {
                """
            )
        )
        #expect(
            swift.contains(
                """
                            case 1: self.left = try reader.read(tag, as: Swift.Int64.self)
                            case 2: self.right = try reader.read(tag, as: Swift.String.self)
                            default: try reader.skip(tag)
                """
            )
        )
        #expect(
            swift.contains(
                """
                        writer.writeOptional(1, self.left)
                        writer.writeSingular(2, self.right)
                """
            )
        )
    }

    @Test func containersUseListAndMapCodecs() {
        let swift = TestSupport.generated(
            "struct C { list<bytes> blobs = 1; map<string, timestamp> times = 2; }",
            file: "Messages.generated.swift"
        )
        #expect(swift.contains("public var blobs: [[Swift.UInt8]] = []"))
        #expect(swift.contains("public var times: [Swift.String: CertWire.Timestamp] = [:]"))
        #expect(swift.contains("case 1: try reader.readList(tag, into: &self.blobs)"))
        #expect(swift.contains("case 2: try reader.readMapEntry(tag, into: &self.times)"))
        #expect(swift.contains("writer.writeList(1, self.blobs)"))
        #expect(swift.contains("writer.writeMap(2, self.times)"))
    }

    @Test func enumKeepsUnknownValuesAndEscapesKeywords() {
        let swift = TestSupport.generated("enum Mode { off = 0; default = 5; }", file: "Messages.generated.swift")
        #expect(
            swift.contains(
                """
                public enum Mode: CertWire.WireEnum {
                    case off
                    case `default`
                    /// A value this build does not know; kept so that it survives decoding and re-encoding.
                    case unrecognized(Swift.Int32)
                """
            )
        )
        #expect(swift.contains("case 5: self = .`default`"))
        #expect(swift.contains("case .unrecognized(let value): value"))
    }

    @Test func enumFieldDefaultsToTheZeroCase() {
        let swift = TestSupport.generated(
            "enum Mode { on = 1; off = 0; } struct S { Mode mode = 1; }",
            file: "Messages.generated.swift"
        )
        #expect(swift.contains("public var mode: Mode = .off"))
    }

    @Test func serviceGetsMethodIDsHandlerAndDispatcher() {
        let swift = TestSupport.generated(
            "struct R { } service Accounts = 10 { rpc CreateAccount(R) returns (R) = 3; }",
            file: "Server.generated.swift"
        )
        #expect(swift.contains("public enum AccountsService {"))
        #expect(
            swift.contains(
                "public static let createAccount = CertWire.RPCMethod(id: 0x000A_0003, name: \"Accounts/CreateAccount\")"
            )
        )
        #expect(swift.contains("func createAccount(_ request: R, context: CertWire.CallContext) async throws -> R"))
        #expect(swift.contains("public struct Dispatcher<Implementation: Handler>: CertWire.RPCService {"))
        #expect(
            swift.contains(
                """
                            case 0x000A_0003:  // Accounts/CreateAccount
                                let input = try R(requestPayload: request, method: Method.createAccount)
                                let output = try await self.handler.createAccount(input, context: context)
                                return output.serializedBytes()
                """
            )
        )
    }

    @Test func clientHasOneFunctionPerRPCWithDefaultOptions() {
        let swift = TestSupport.generated(
            "struct R { } service Accounts = 10 { rpc CreateAccount(R) returns (R) = 3; }",
            file: "Client.generated.swift"
        )
        #expect(swift.contains("extension AccountsService {"))
        #expect(
            swift.contains(
                "public func createAccount(_ request: R, options: CertWire.CallOptions = .init()) async throws -> R {"
            )
        )
        #expect(swift.contains("return try R(responsePayload: response, method: Method.createAccount)"))
    }

    @Test func everyFileStartsWithTheHeaderAndImportsCertWirePublicly() {
        let output = TestSupport.compile("struct R { } service S = 1 { rpc M(R) returns (R) = 1; }")
        #expect(
            output.files.map(\.name) == [
                "Messages.generated.swift", "Server.generated.swift", "Client.generated.swift",
            ])
        for file in output.files {
            #expect(file.contents.hasPrefix("// DO NOT EDIT: generated by certidl from test.idl\n"))
            #expect(file.contents.contains("\npublic import CertWire\n"))
            #expect(file.contents.hasSuffix("}\n"))
        }
    }

    @Test func outputIsDeterministicAndKeepsDeclarationOrder() {
        let schema = "struct Zeta { } enum Alpha { a = 0; } struct Mid { }"
        let first = TestSupport.compile(schema)
        #expect(first == TestSupport.compile(schema))
        let messages = first.files[0].contents
        let positions = ["struct Zeta", "enum Alpha", "struct Mid"].compactMap { messages.range(of: $0)?.lowerBound }
        #expect(positions.count == 3)
        #expect(positions == positions.sorted())
    }

    @Test func namerLowerCasesLeadingAcronymsAndEscapesKeywords() {
        #expect(Namer.memberName("Check") == "check")
        #expect(Namer.memberName("CSRInfo") == "csrInfo")
        #expect(Namer.memberName("ID") == "id")
        #expect(Namer.memberName("Import") == "`import`")
        #expect(Namer.identifier("self") == "`self`")
        #expect(Namer.serviceNamespace("Echo") == "EchoService")
        #expect(Namer.serviceNamespace("AuditService") == "AuditService")
    }
}
