import CertAPI
import CertWire
import Testing

@Suite struct CertAPITests {
    @Test func echoAndHealthMessagesRoundTrip() throws {
        let request = EchoRequest(payload: Array(repeating: 7, count: 64), responseSize: 2048)
        #expect(try EchoRequest(serializedBytes: request.serializedBytes()) == request)
        let response = EchoResponse(payload: Array(0..<255))
        #expect(try EchoResponse(serializedBytes: response.serializedBytes()) == response)
        let health = HealthCheckResponse(status: .notServing, version: "0.1.0")
        #expect(try HealthCheckResponse(serializedBytes: health.serializedBytes()) == health)
        #expect(HealthCheckRequest().serializedBytes().isEmpty)
        // 64-byte payload: tag, 1-byte length, 64 bytes; responseSize 2048: tag + 2-byte varint.
        #expect(request.serializedBytes().count == 2 + 64 + 3)
    }

    @Test func methodIDsFollowTheServiceNumberPlan() {
        #expect(HealthService.Method.check.id == 0x0001_0001)
        #expect(EchoService.Method.echo.id == 0x0002_0001)
        #expect(EchoService.Method.echo.name == "Echo/Echo")
    }

    @Test func echoDispatcherCallsTheHandler() async throws {
        let dispatcher = EchoService.Dispatcher(handler: FakeEcho())
        let request = EchoRequest(payload: [1, 2, 3], responseSize: 5)
        let bytes = try await dispatcher.handle(
            methodID: EchoService.Method.echo.id,
            request: request.serializedBytes(),
            context: CallContext(requestID: "t")
        )
        #expect(try EchoResponse(serializedBytes: bytes).payload == [1, 2, 3, 0, 0])
    }

    @Test func echoDispatcherRefusesUnknownMethodsAsUnimplemented() async {
        let dispatcher = EchoService.Dispatcher(handler: FakeEcho())
        do {
            _ = try await dispatcher.handle(
                methodID: HealthService.Method.check.id,
                request: [],
                context: CallContext(requestID: "t")
            )
            Issue.record("an unknown method was answered")
        } catch let error as RPCError {
            #expect(error.status == .unimplemented)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func echoDispatcherRefusesGarbageAsInvalidArgument() async {
        let dispatcher = EchoService.Dispatcher(handler: FakeEcho())
        do {
            _ = try await dispatcher.handle(
                methodID: EchoService.Method.echo.id,
                request: [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F],
                context: CallContext(requestID: "t")
            )
            Issue.record("garbage was decoded")
        } catch let error as RPCError {
            #expect(error.status == .invalidArgument)
            #expect(error.reason == "badRequestPayload")
            #expect(error.message.contains("EchoRequest"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func healthClientOverAnInMemoryTransport() async throws {
        let client = HealthService.Client(transport: Loopback(service: HealthService.Dispatcher(handler: FakeHealth())))
        let answer = try await client.check(HealthCheckRequest())
        #expect(answer == HealthCheckResponse(status: .serving, version: "test"))
    }
}

private struct FakeEcho: EchoService.Handler {
    func echo(_ request: EchoRequest, context: CallContext) async throws -> EchoResponse {
        guard request.responseSize > 0 else { return EchoResponse(payload: request.payload) }
        var payload = request.payload
        payload += Array(repeating: 0, count: max(0, Int(request.responseSize) - payload.count))
        return EchoResponse(payload: Array(payload.prefix(Int(request.responseSize))))
    }
}

private struct FakeHealth: HealthService.Handler {
    func check(_ request: HealthCheckRequest, context: CallContext) async throws -> HealthCheckResponse {
        HealthCheckResponse(status: .serving, version: "test")
    }
}

private struct Loopback: RPCClientTransport {
    let service: any RPCService

    func unary(method: RPCMethod, request: [UInt8], options: CallOptions) async throws -> [UInt8] {
        try await self.service.handle(methodID: method.id, request: request, context: CallContext(requestID: "loop"))
    }
}
