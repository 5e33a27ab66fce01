import CertRPC
import CertTLS
import CertTestSupport
import CertWire
import Logging
import NIOCore
import NIOPosix
import Synchronization
import Testing

/// Counts what handlers saw, so tests can assert the server side of deadlines and cancellation.
final class HandlerObserver: Sendable {
    let started = Atomic<Int>(0)
    let cancelled = Atomic<Int>(0)

    /// Polls `condition` until it holds or ~10 s pass (an upper bound for CI, not a timing assertion).
    func eventually(_ condition: (HandlerObserver) -> Bool) async throws -> Bool {
        for _ in 0..<1000 {
            if condition(self) { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return condition(self)
    }
}

/// A byte-level test service. Request layouts are per method and documented on each.
struct TestService: RPCService {
    /// Returns the request bytes.
    static let echo = RPCMethod(id: 0x0001_0001, name: "Test/Echo")
    /// Request: u32 milliseconds to sleep, then anything; returns the request after sleeping.
    static let slow = RPCMethod(id: 0x0001_0002, name: "Test/Slow")
    /// Throws RPCError(.notFound, "no such thing", reason: "notFound").
    static let fail = RPCMethod(id: 0x0001_0003, name: "Test/Fail")
    /// Throws a non-RPC error whose text must not reach the client.
    static let crash = RPCMethod(id: 0x0001_0004, name: "Test/Crash")
    /// Returns "<peer common name>|<metadata["tag"]>|<has deadline>".
    static let whoAmI = RPCMethod(id: 0x0001_0005, name: "Test/WhoAmI")
    /// Request: u32 N; returns N bytes.
    static let bytes = RPCMethod(id: 0x0001_0006, name: "Test/Bytes")
    /// Returns [1] when the handler runs on an event loop thread, else [0].
    static let onLoop = RPCMethod(id: 0x0001_0007, name: "Test/OnLoop")
    static let notServed = RPCMethod(id: 0x0009_0001, name: "Nope/Nothing")

    struct SecretError: Error, CustomStringConvertible {
        var description: String { "secret database password hunter2" }
    }

    let observer: HandlerObserver

    var methods: [RPCMethod] {
        [Self.echo, Self.slow, Self.fail, Self.crash, Self.whoAmI, Self.bytes, Self.onLoop]
    }

    func handle(methodID: UInt32, request: [UInt8], context: CallContext) async throws -> [UInt8] {
        switch methodID {
        case Self.echo.id:
            return request
        case Self.slow.id:
            self.observer.started.add(1, ordering: .relaxed)
            do {
                try await Task.sleep(for: .milliseconds(Int(request.readU32())))
            } catch {
                self.observer.cancelled.add(1, ordering: .relaxed)
                throw error
            }
            return request
        case Self.fail.id:
            throw RPCError(.notFound, "no such thing", reason: "notFound")
        case Self.crash.id:
            throw SecretError()
        case Self.whoAmI.id:
            let name = context.peer?.commonName ?? "-"
            return Array("\(name)|\(context.metadata["tag"] ?? "-")|\(context.deadline != nil)".utf8)
        case Self.bytes.id:
            return [UInt8](repeating: 0x5A, count: Int(request.readU32()))
        case Self.onLoop.id:
            return [MultiThreadedEventLoopGroup.currentEventLoop == nil ? 0 : 1]
        default:
            throw RPCError(.unimplemented, "unknown")
        }
    }
}

extension [UInt8] {
    func readU32() -> UInt32 {
        self.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func u32(_ value: UInt32) -> [UInt8] {
        [
            UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: value),
        ]
    }
}

/// Runs an RPCServer on 127.0.0.1 for the duration of `body`, then shuts it down and waits.
func withTestServer<T>(
    port: Int = 0,
    configure: (inout RPCServerConfiguration) -> Void = { _ in },
    _ body: (RPCServer, Int, HandlerObserver) async throws -> T
) async throws -> T {
    let pki = try TestPKI.shared
    var configuration = RPCServerConfiguration(host: "127.0.0.1", port: port, tls: pki.serverConfiguration())
    configure(&configuration)
    let observer = HandlerObserver()
    var logger = Logger(label: "test.server")
    logger.logLevel = .critical
    let server = try RPCServer(
        configuration: configuration, services: [TestService(observer: observer)], logger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        do {
            let port = try #require(try await server.localAddress.port)
            let result = try await body(server, port, observer)
            server.shutdown()
            try await group.waitForAll()
            return result
        } catch {
            server.shutdown()
            try? await group.waitForAll()
            throw error
        }
    }
}

func makeClient(
    port: Int,
    identity: TestPKI.Identity?,
    connections: Int = 1,
    configure: (inout RPCClientConfiguration) -> Void = { _ in }
) throws -> RPCClient {
    let pki = try TestPKI.shared
    var configuration = RPCClientConfiguration(
        host: "127.0.0.1",
        port: port,
        tls: pki.clientConfiguration(identity: identity, serverName: "localhost"),
        connections: connections
    )
    configure(&configuration)
    return try RPCClient(configuration: configuration)
}

/// Expects `body` to throw an RPCError and returns it.
func expectRPCError(_ body: () async throws -> [UInt8], sourceLocation: SourceLocation = #_sourceLocation) async
    -> RPCError?
{
    do {
        let result = try await body()
        Issue.record("expected an RPCError, got \(result.count) bytes", sourceLocation: sourceLocation)
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        Issue.record("expected an RPCError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
