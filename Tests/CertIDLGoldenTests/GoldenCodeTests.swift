import CertWire
import Testing

/// Runs the generator's golden output (Generated -> ../CertIDLTests/Golden): if the golden files
/// stop compiling or behaving, this target fails.
@Suite struct GoldenCodeTests {
    private func sampleContainers() -> Containers {
        var inner = Inner(note: "n", values: [-1, 0, .max])
        inner.values.append(.min)
        return Containers(
            maybeName: "",
            maybeNumber: 0,
            maybeInner: inner,
            maybeLevel: .default,
            maybeTime: Timestamp(seconds: -10, nanoseconds: 10),
            names: ["a", "", "ü"],
            inners: [Inner(), inner],
            levels: [.low, .high, .critical, Level(rawValue: 99)],
            ratios: [0, -0.0, 1e300],
            blobs: [[], [0, 1]],
            labels: ["b": "2", "a": "1"],
            innersByName: ["x": inner],
            levelsByName: ["hot": .high, "cold": .default],
            countsByName: ["max": .max, "zero": 0],
            class: true,
            highNumbered: -1
        )
    }

    @Test func messagesRoundTripThroughTheGeneratedCodec() throws {
        let containers = self.sampleContainers()
        #expect(try Containers(serializedBytes: containers.serializedBytes()) == containers)

        let scalars = Scalars(
            flag: true, small: .min, large: .max, count: .max, total: .max, ratio: -1.5, name: "名前",
            blob: [0xFF], createdAt: Timestamp(seconds: 1_800_000_000, nanoseconds: 5), level: .critical,
            inner: Inner(note: "in"), renamedLater: "r"
        )
        #expect(try Scalars(serializedBytes: scalars.serializedBytes()) == scalars)
        // A non-optional struct field is always written (here `inner`, field 11, empty), scalars are not.
        #expect(Scalars().serializedBytes() == [0x5A, 0x00])
        #expect(Empty().serializedBytes().isEmpty)

        var tree = TreeNode(label: "root")
        tree.children = [TreeNode(label: "leaf", children: [TreeNode()])]
        #expect(try TreeNode(serializedBytes: tree.serializedBytes()) == tree)
    }

    @Test func fieldsNamedLikeKeywordsOrCodecLocalsRoundTrip() throws {
        let awkward = Awkward(
            default: true, init: true, type: "t", tag: true, reader: true, writer: true, encode: true,
            value: ["v"], in: ["k": true]
        )
        #expect(awkward.serializedBytes().count > 14)
        #expect(try Awkward(serializedBytes: awkward.serializedBytes()) == awkward)
    }

    @Test func highestFieldNumberAndKeywordFieldEncode() throws {
        let message = Containers(class: true, highNumbered: 1)
        // field 15 varint: 0x78 0x01; field 2^29-1 varint: tag 0xF8 0xFF 0xFF 0xFF 0x0F, zigzag(1) = 2.
        #expect(message.serializedBytes() == [0x78, 0x01, 0xF8, 0xFF, 0xFF, 0xFF, 0x0F, 0x02])
    }

    @Test func unknownEnumValuesArePreserved() throws {
        let message = Scalars(level: Level(rawValue: 1234))
        let decoded = try Scalars(serializedBytes: message.serializedBytes())
        #expect(decoded.level == .unrecognized(1234))
        #expect(decoded.serializedBytes() == message.serializedBytes())
        #expect(Level(rawValue: 6) == .critical)
        #expect(Level.default.rawValue == 0)
    }

    @Test func methodIDsCombineServiceAndRPCNumbers() {
        #expect(FeaturesService.Method.mirror.id == 0x0007_0001)
        #expect(FeaturesService.Method.import.id == 0x0007_0002)
        #expect(FeaturesService.Method.growTree.id == 0x0007_0010)
        #expect(FeaturesService.Method.growTree.name == "Features/GrowTree")
        #expect(FeaturesService.methods.map(\.id) == [0x0007_0001, 0x0007_0002, 0x0007_0010])
        #expect(WrappingService.Method.processTheExceptionallyLongRequest.id == 0xFFFF_FFFF)
    }

    @Test func dispatcherRoutesEveryMethodToTheHandler() async throws {
        let dispatcher = FeaturesService.Dispatcher(handler: FakeFeatures())
        #expect(dispatcher.methods == FeaturesService.methods)
        let context = CallContext(requestID: "r1")

        let containers = self.sampleContainers()
        let mirrored = try await dispatcher.handle(
            methodID: FeaturesService.Method.mirror.id,
            request: containers.serializedBytes(),
            context: context
        )
        #expect(try Containers(serializedBytes: mirrored) == containers)

        let imported = try await dispatcher.handle(methodID: 0x0007_0002, request: [], context: context)
        #expect(try Scalars(serializedBytes: imported).name == "imported by r1")
    }

    @Test func dispatcherRefusesUnknownMethodsAndUndecodableRequests() async {
        let dispatcher = FeaturesService.Dispatcher(handler: FakeFeatures())
        let context = CallContext(requestID: "r2")
        await #expect(
            throws: RPCError(.unimplemented, "Features has no method with id 458755", reason: "unknownMethod")
        ) {
            _ = try await dispatcher.handle(methodID: 0x0007_0003, request: [], context: context)
        }
        do {
            _ = try await dispatcher.handle(
                methodID: FeaturesService.Method.mirror.id, request: [0x0A, 0x05], context: context)
            Issue.record("a truncated request decoded")
        } catch let error as RPCError {
            #expect(error.status == .invalidArgument)
            #expect(error.reason == "badRequestPayload")
            #expect(error.message.contains("Features/Mirror"))
            #expect(error.message.contains("Containers"))
            #expect(error.message.contains("field 1"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func clientCallsThroughATransportToTheDispatcher() async throws {
        let transport = InMemoryTransport(service: FeaturesService.Dispatcher(handler: FakeFeatures()))
        let client = FeaturesService.Client(transport: transport)
        let grown = try await client.growTree(TreeNode(label: "seed"))
        #expect(grown.children.map(\.label) == ["seed"])
        let imported = try await client.import(Empty(), options: CallOptions(metadata: ["k": "v"]))
        #expect(imported.name == "imported by in-memory")

        let wrapping = WrappingService.Client(
            transport: InMemoryTransport(service: WrappingService.Dispatcher(handler: FakeWrapping())))
        let answer = try await wrapping.processTheExceptionallyLongRequest(
            AnExceptionallyLongRequestMessageNameForWrapping(value: "x")
        )
        #expect(answer.value == "x!")
    }

    @Test func clientReportsHandlerErrorsAndUndecodableResponses() async {
        let client = FeaturesService.Client(
            transport: InMemoryTransport(service: FeaturesService.Dispatcher(handler: FakeFeatures())))
        await #expect(throws: RPCError(.notFound, "no tree", reason: "emptyTree")) {
            _ = try await client.growTree(TreeNode())
        }
        let broken = FeaturesService.Client(transport: GarbageTransport())
        do {
            _ = try await broken.mirror(Containers())
            Issue.record("garbage decoded")
        } catch let error as RPCError {
            #expect(error.status == .internal)
            #expect(error.reason == "badResponsePayload")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}

private struct FakeFeatures: FeaturesService.Handler {
    func mirror(_ request: Containers, context: CallContext) async throws -> Containers { request }

    func `import`(_ request: Empty, context: CallContext) async throws -> Scalars {
        Scalars(name: "imported by \(context.requestID)")
    }

    func growTree(_ request: TreeNode, context: CallContext) async throws -> TreeNode {
        if request.label.isEmpty { throw RPCError(.notFound, "no tree", reason: "emptyTree") }
        return TreeNode(label: "grown", children: [request])
    }
}

private struct FakeWrapping: WrappingService.Handler {
    func processTheExceptionallyLongRequest(
        _ request: AnExceptionallyLongRequestMessageNameForWrapping,
        context: CallContext
    ) async throws -> AnExceptionallyLongResponseMessageNameForWrapping {
        AnExceptionallyLongResponseMessageNameForWrapping(value: request.value + "!")
    }
}

/// Carries calls straight to a service, as CertRPC would after framing.
private struct InMemoryTransport: RPCClientTransport {
    let service: any RPCService

    func unary(method: RPCMethod, request: [UInt8], options: CallOptions) async throws -> [UInt8] {
        try await self.service.handle(
            methodID: method.id,
            request: request,
            context: CallContext(requestID: "in-memory", metadata: options.metadata)
        )
    }
}

/// Answers every call with bytes that are not a message.
private struct GarbageTransport: RPCClientTransport {
    func unary(method: RPCMethod, request: [UInt8], options: CallOptions) async throws -> [UInt8] {
        [0xFF, 0xFF, 0xFF]
    }
}
