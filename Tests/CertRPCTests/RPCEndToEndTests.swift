import CertRPC
import CertTLS
import CertTestSupport
import CertWire
import NIOCore
import NIOPosix
import Synchronization
import Testing

@Suite struct RPCEndToEndTests {
    // MARK: identity

    @Test func mutualTLSCallCarriesPeerIdentityMetadataAndDeadline() async throws {
        try await withTestServer { _, port, _ in
            let client = try makeClient(port: port, identity: try TestPKI.shared.client)
            let echoed = try await client.unary(method: TestService.echo, request: [1, 2, 3], options: CallOptions())
            #expect(echoed == [1, 2, 3])
            let who = try await client.unary(
                method: TestService.whoAmI,
                request: [],
                options: CallOptions(timeout: .seconds(30), metadata: ["tag": "abc"])
            )
            #expect(String(decoding: who, as: UTF8.self) == "client-1|abc|true")
            await client.close()
        }
    }

    @Test(arguments: [
        ("none", "certificate required"), ("other", "unknown ca"), ("expired", "certificate expired"),
    ])
    func refusedClientCertificateIsUnauthenticated(identityName: String, alert: String) async throws {
        let pki = try TestPKI.shared
        let identity: TestPKI.Identity? =
            switch identityName {
            case "other": pki.otherClient
            case "expired": pki.expiredClient
            default: nil
            }
        try await withTestServer { _, port, _ in
            let client = try makeClient(port: port, identity: identity)
            let error = await expectRPCError {
                try await client.unary(method: TestService.echo, request: [1], options: CallOptions())
            }
            #expect(error?.status == .unauthenticated)
            #expect(error?.message.contains(alert) == true, "message: \(error?.message ?? "")")
            await client.close()
            // The server keeps serving good clients.
            let good = try makeClient(port: port, identity: pki.client)
            #expect(try await good.unary(method: TestService.echo, request: [9], options: CallOptions()) == [9])
            await good.close()
        }
    }

    @Test func serverNameMismatchIsUnauthenticatedAtConnect() async throws {
        let pki = try TestPKI.shared
        try await withTestServer { _, port, _ in
            var tls = pki.clientConfiguration(identity: pki.client)
            tls.serverName = "wrong.example"
            let client = try RPCClient(configuration: RPCClientConfiguration(host: "127.0.0.1", port: port, tls: tls))
            do {
                try await client.connect()
                Issue.record("connect should fail")
            } catch let error as RPCError {
                #expect(error.status == .unauthenticated)
                #expect(error.message.contains("hostname mismatch"))
            }
            await client.close()
        }
    }

    @Test func nothingListeningIsUnavailable() async throws {
        // Bind and close a socket to find a port nobody listens on.
        let port = try await withTestServer { _, port, _ in port }
        let client = try makeClient(port: port, identity: try TestPKI.shared.client)
        let error = await expectRPCError {
            try await client.unary(method: TestService.echo, request: [], options: CallOptions())
        }
        #expect(error?.status == .unavailable)
        await client.close()
    }

    // MARK: hostile bytes

    @Test func randomBytesInsteadOfClientHelloAreDropped() async throws {
        try await withTestServer { _, port, _ in
            let raw = try await RawConnection.connect(port: port, tls: false)
            try await raw.send((0..<512).map { _ in UInt8.random(in: 0...255) })
            try await raw.channel.closeFuture.get()  // the server closes; our decoder may choke first
            let good = try makeClient(port: port, identity: try TestPKI.shared.client)
            #expect(try await good.unary(method: TestService.echo, request: [4], options: CallOptions()) == [4])
            await good.close()
        }
    }

    @Test func garbageAfterHandshakeGetsGoAwayAndClose() async throws {
        try await withTestServer { _, port, _ in
            let raw = try await RawConnection.connect(port: port)
            // Version byte 9: not a frame this server speaks.
            try await raw.send([0, 0, 0, 8, 9, 1, 0, 0, 0, 0, 0, 1])
            let frames = await raw.framesUntilClose()
            guard case .goAway(let goAway)? = frames.last else {
                Issue.record("expected goAway, got \(frames)")
                return
            }
            #expect(goAway.status == .invalidArgument)
            #expect(goAway.message.contains("unsupportedVersion"))
            let good = try makeClient(port: port, identity: try TestPKI.shared.client)
            #expect(try await good.unary(method: TestService.echo, request: [5], options: CallOptions()) == [5])
            await good.close()
        }
    }

    @Test func unknownFrameTypeGetsGoAwayAndClose() async throws {
        try await withTestServer { _, port, _ in
            let raw = try await RawConnection.connect(port: port)
            try await raw.send([0, 0, 0, 8, 1, 0x7F, 0, 0, 0, 0, 0, 1])
            let frames = await raw.framesUntilClose()
            guard case .goAway(let goAway)? = frames.last else {
                Issue.record("expected goAway, got \(frames)")
                return
            }
            #expect(goAway.status == .invalidArgument)
            #expect(goAway.message.contains("unknownFrameType"))
        }
    }

    @Test func oversizedLengthPrefixGetsResourceExhaustedGoAway() async throws {
        try await withTestServer { _, port, _ in
            let raw = try await RawConnection.connect(port: port)
            try await raw.send([0xFF, 0xFF, 0xFF, 0xFF, 1, 1])
            let frames = await raw.framesUntilClose()
            guard case .goAway(let goAway)? = frames.last else {
                Issue.record("expected goAway, got \(frames)")
                return
            }
            #expect(goAway.status == .resourceExhausted)
        }
    }

    @Test func pingIsAnsweredWithPong() async throws {
        try await withTestServer { _, port, _ in
            let raw = try await RawConnection.connect(port: port)
            try await raw.send(.ping(opaque: 0xABCD))
            #expect(await raw.nextFrame() == .pong(opaque: 0xABCD))
            try await raw.channel.close()
        }
    }

    // MARK: statuses

    @Test func unknownMethodIsUnimplemented() async throws {
        try await withTestServer { _, port, _ in
            let client = try makeClient(port: port, identity: try TestPKI.shared.client)
            let error = await expectRPCError {
                try await client.unary(method: TestService.notServed, request: [], options: CallOptions())
            }
            #expect(error?.status == .unimplemented)
            await client.close()
        }
    }

    @Test func handlerRPCErrorReachesTheClientAndOtherErrorsAreInternalWithoutText() async throws {
        try await withTestServer { _, port, _ in
            let client = try makeClient(port: port, identity: try TestPKI.shared.client)
            let failed = await expectRPCError {
                try await client.unary(method: TestService.fail, request: [], options: CallOptions())
            }
            #expect(failed == RPCError(.notFound, "no such thing", reason: "notFound"))
            let crashed = await expectRPCError {
                try await client.unary(method: TestService.crash, request: [], options: CallOptions())
            }
            #expect(crashed?.status == .internal)
            #expect(crashed?.message.contains("hunter2") == false)
            #expect(crashed?.message.contains("request id") == true)
            await client.close()
        }
    }

    // MARK: concurrency

    @Test(arguments: [true, false])
    func thousandConcurrentCallsOnOneConnectionCompleteOutOfOrder(startsHandlersOnEventLoop: Bool) async throws {
        try await withTestServer(configure: { $0.startsHandlersOnEventLoop = startsHandlersOnEventLoop }) {
            _, port, _ in
            let client = try makeClient(port: port, identity: try TestPKI.shared.client)
            let finishOrder = FinishOrder()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<1000 {
                    group.addTask {
                        // Later calls sleep less, so answers overtake each other.
                        let delay = UInt32((1000 - index) % 50)
                        let request = [UInt8].u32(delay) + [UInt8].u32(UInt32(index))
                        let response = try await client.unary(
                            method: TestService.slow, request: request, options: CallOptions())
                        #expect(response == request)
                        finishOrder.indices.withLock { $0.append(index) }
                    }
                }
                try await group.waitForAll()
            }
            let order = finishOrder.indices.withLock { $0 }
            #expect(order.count == 1000)
            #expect(order != order.sorted())
            await client.close()
        }
    }

    @Test("inlineMethodIDs: listed methods start on the event loop, the others on the task pool")
    func inlineMethodsStartOnTheLoop() async throws {
        for (policy, expected) in [(Set<UInt32>?.none, [UInt8]([1])), ([TestService.onLoop.id], [1]), ([], [0])] {
            try await withTestServer(configure: { $0.inlineMethodIDs = policy }) { _, port, _ in
                let client = try makeClient(port: port, identity: try TestPKI.shared.client)
                let answer = try await client.unary(method: TestService.onLoop, request: [], options: CallOptions())
                #expect(answer == expected, "policy \(String(describing: policy))")
                await client.close()
            }
        }
    }

    @Test func poolSpreadsCallsOverSeveralConnections() async throws {
        try await withTestServer { _, port, _ in
            let client = try makeClient(port: port, identity: try TestPKI.shared.client, connections: 3)
            try await client.connect()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<60 {
                    group.addTask {
                        let response = try await client.unary(
                            method: TestService.echo, request: [UInt8(index)], options: CallOptions())
                        #expect(response == [UInt8(index)])
                    }
                }
                try await group.waitForAll()
            }
            await client.close()
        }
    }

    @Test func callersPinnedToConnectionLoopsRunThereAndStillTimeOut() async throws {
        try await withTestServer { _, port, _ in
            let client = try makeClient(port: port, identity: try TestPKI.shared.client, connections: 2)
            try await client.connect()
            let executors = client.connectionExecutors
            #expect(executors.count == 2)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    let executor = executors[index % executors.count]
                    group.addTask(executorPreference: executor) {
                        #expect(executor.eventLoop.inEventLoop)
                        for round in 0..<5 {
                            let request: [UInt8] = [UInt8(index), UInt8(round)]
                            let response = try await client.unary(
                                method: TestService.echo, request: request, options: CallOptions())
                            #expect(response == request)
                            // Resumed on the connection's loop, not on the cooperative pool.
                            #expect(executor.eventLoop.inEventLoop)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let error = await withTaskExecutorPreference(executors[1]) {
                await expectRPCError {
                    try await client.unary(
                        method: TestService.slow, request: .u32(10_000),
                        options: CallOptions(timeout: .milliseconds(100)))
                }
            }
            #expect(error?.status == .deadlineExceeded)
            await client.close()
        }
    }

    // MARK: deadlines and cancellation

    @Test func clientDeadlineFailsTheCallAndCancelsTheServerHandler() async throws {
        try await withTestServer { _, port, observer in
            let client = try makeClient(port: port, identity: try TestPKI.shared.client)
            let error = await expectRPCError {
                try await client.unary(
                    method: TestService.slow, request: .u32(10_000), options: CallOptions(timeout: .milliseconds(100)))
            }
            #expect(error?.status == .deadlineExceeded)
            #expect(try await observer.eventually { $0.cancelled.load(ordering: .relaxed) == 1 })
            await client.close()
        }
    }

    @Test func serverDeadlineAnswersDeadlineExceededAndCancelsTheHandler() async throws {
        try await withTestServer { _, port, observer in
            let raw = try await RawConnection.connect(port: port)
            // A raw client that does not enforce its own deadline: the server must.
            try await raw.send(
                .request(
                    RequestFrame(
                        callID: 1, methodID: TestService.slow.id, timeoutMicroseconds: 50_000, payload: .u32(10_000))))
            guard case .response(let response)? = await raw.nextFrame() else {
                Issue.record("expected a response")
                return
            }
            #expect(response.status == .deadlineExceeded)
            #expect(try await observer.eventually { $0.cancelled.load(ordering: .relaxed) == 1 })
            try await raw.channel.close()
        }
    }

    @Test func hugeTimeoutsAreCappedNotOverflowed() async throws {
        try await withTestServer { _, port, _ in
            let raw = try await RawConnection.connect(port: port)
            let request = RequestFrame(
                callID: 1, methodID: TestService.echo.id, timeoutMicroseconds: .max, payload: [8])
            try await raw.send(.request(request))
            #expect(await raw.nextFrame() == .response(.ok(callID: 1, payload: [8])))
            try await raw.channel.close()
            let client = try makeClient(port: port, identity: try TestPKI.shared.client)
            let options = CallOptions(timeout: .seconds(Int64.max))
            #expect(try await client.unary(method: TestService.echo, request: [9], options: options) == [9])
            await client.close()
        }
    }

    @Test func cancelFrameCancelsTheServerHandler() async throws {
        try await withTestServer { _, port, observer in
            let raw = try await RawConnection.connect(port: port)
            try await raw.send(.request(RequestFrame(callID: 3, methodID: TestService.slow.id, payload: .u32(10_000))))
            #expect(try await observer.eventually { $0.started.load(ordering: .relaxed) == 1 })
            try await raw.send(.cancel(callID: 3))
            #expect(try await observer.eventually { $0.cancelled.load(ordering: .relaxed) == 1 })
            try await raw.channel.close()
        }
    }

    @Test func taskCancellationThrowsCancelledAndCancelsTheServerHandler() async throws {
        try await withTestServer { _, port, observer in
            let client = try makeClient(port: port, identity: try TestPKI.shared.client)
            let call = Task {
                try await client.unary(method: TestService.slow, request: .u32(10_000), options: CallOptions())
            }
            #expect(try await observer.eventually { $0.started.load(ordering: .relaxed) == 1 })
            call.cancel()
            let error = await expectRPCError { try await call.value }
            #expect(error?.status == .cancelled)
            #expect(try await observer.eventually { $0.cancelled.load(ordering: .relaxed) == 1 })
            // The connection stays usable.
            #expect(try await client.unary(method: TestService.echo, request: [1], options: CallOptions()) == [1])
            await client.close()
        }
    }

    // MARK: limits

    @Test func framesOverTheLimitAreRefusedBothWays() async throws {
        try await withTestServer(configure: { $0.maxFrameLength = 64 * 1024 }) { _, port, _ in
            let client = try makeClient(port: port, identity: try TestPKI.shared.client) {
                $0.maxFrameLength = 64 * 1024
            }
            let tooBigRequest = await expectRPCError {
                try await client.unary(
                    method: TestService.echo, request: [UInt8](repeating: 1, count: 70_000), options: CallOptions())
            }
            #expect(tooBigRequest?.status == .resourceExhausted)
            let tooBigResponse = await expectRPCError {
                try await client.unary(method: TestService.bytes, request: .u32(70_000), options: CallOptions())
            }
            #expect(tooBigResponse?.status == .resourceExhausted)
            // Just under the limit works, both ways.
            let fits = try await client.unary(method: TestService.bytes, request: .u32(60_000), options: CallOptions())
            #expect(fits.count == 60_000)
            await client.close()
        }
    }

    @Test func callsPastTheInFlightCapAreResourceExhausted() async throws {
        try await withTestServer(configure: { $0.maxCallsInFlightPerConnection = 2 }) { _, port, observer in
            let client = try makeClient(port: port, identity: try TestPKI.shared.client)
            let slow = (0..<2).map { _ in
                // Long enough to still be running under any load; cancelled once the cap is checked.
                Task { try await client.unary(method: TestService.slow, request: .u32(30_000), options: CallOptions()) }
            }
            #expect(try await observer.eventually { $0.started.load(ordering: .relaxed) == 2 })
            let error = await expectRPCError {
                try await client.unary(method: TestService.echo, request: [], options: CallOptions())
            }
            #expect(error?.status == .resourceExhausted)
            for task in slow { task.cancel() }
            #expect(try await observer.eventually { $0.cancelled.load(ordering: .relaxed) == 2 })
            // The slots are free again.
            #expect(try await client.unary(method: TestService.echo, request: [7], options: CallOptions()) == [7])
            await client.close()
        }
    }

    // MARK: lifecycle

    @Test func drainFinishesCallsInFlightThenCloses() async throws {
        let pki = try TestPKI.shared
        var configuration = RPCServerConfiguration(host: "127.0.0.1", port: 0, tls: pki.serverConfiguration())
        configuration.drainTimeout = .seconds(20)
        let observer = HandlerObserver()
        let server = try RPCServer(configuration: configuration, services: [TestService(observer: observer)])
        let running = Task { try await server.run() }
        let port = try #require(try await server.localAddress.port)
        let client = try makeClient(port: port, identity: pki.client)
        let inFlight = Task {
            try await client.unary(method: TestService.slow, request: .u32(1500), options: CallOptions())
        }
        #expect(try await observer.eventually { $0.started.load(ordering: .relaxed) == 1 })
        server.shutdown()
        #expect(try await inFlight.value == .u32(1500))
        try await running.value
        let after = await expectRPCError {
            try await client.unary(method: TestService.echo, request: [], options: CallOptions())
        }
        #expect(after?.status == .unavailable)
        await client.close()
    }

    @Test func clientReconnectsAfterTheConnectionDrops() async throws {
        let pki = try TestPKI.shared
        let client: RPCClient
        let port = try await withTestServer { _, port, _ in port }
        client = try makeClient(port: port, identity: pki.client)
        try await withTestServer(port: port) { _, _, _ in
            let response = try await client.unary(method: TestService.echo, request: [1], options: CallOptions())
            #expect(response == [1])
        }
        // The first server is gone (drained and closed); a new one on the same port serves the
        // next call over a fresh connection.
        try await withTestServer(port: port) { _, _, _ in
            let response = try await client.unary(method: TestService.echo, request: [2], options: CallOptions())
            #expect(response == [2])
        }
        await client.close()
    }
}

/// The order in which calls finished.
private final class FinishOrder: Sendable {
    let indices = Mutex<[Int]>([])
}
