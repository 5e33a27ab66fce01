import CertRPC
import CertTLS
import CertWire
import Foundation

/// An in-process closed-loop benchmark of the RPC layer: an ``RPCServer`` and an ``RPCClient`` on
/// 127.0.0.1 over mutual TLS, doing the grpc-echo peer's workloads with raw byte payloads
/// (`get`: 64-byte request -> 2,048-byte response; `put`: 2,048 -> 64).
///
/// Role: measures transport cost only (no schema encoding, no domain). Invoked as
/// `certload bench-echo DIR get|put CONNS CONC SECONDS [pinned]` with DIR holding ca.crt,
/// server.crt/key and client.crt/key (tools/bench-echo.sh makes them). `pinned` runs each caller
/// task on one connection's event loop (``RPCClient/connectionExecutors``) instead of the
/// cooperative pool. Prints one `RESULT ...` line.
/// Isolation: plain async code; counters are atomics.
enum EchoBenchmark {
    struct BenchService: RPCService {
        static let get = RPCMethod(id: 0x00FF_0001, name: "Bench/Get")
        static let put = RPCMethod(id: 0x00FF_0002, name: "Bench/Put")
        let small = [UInt8](repeating: 0x61, count: 64)
        let large = [UInt8](repeating: 0x62, count: 2048)
        var methods: [RPCMethod] { [Self.get, Self.put] }

        func handle(methodID: UInt32, request: [UInt8], context: CallContext) async throws -> [UInt8] {
            methodID == Self.get.id ? self.large : self.small
        }
    }

    static func run(arguments: [String]) async throws {
        let isPinned = arguments.count == 6 && arguments[5] == "pinned"
        guard arguments.count == 5 || isPinned, let connections = Int(arguments[2]),
            let concurrency = Int(arguments[3]), let seconds = Int(arguments[4])
        else {
            print("usage: certload bench-echo DIR get|put CONNS CONC SECONDS [pinned]")
            return
        }
        let directory = arguments[0]
        let method = arguments[1] == "put" ? BenchService.put : BenchService.get
        let request = [UInt8](repeating: 0x63, count: method == BenchService.get ? 64 : 2048)
        let serverTLS = TLSConfiguration.server(
            certificateChain: .file("\(directory)/server.crt"),
            privateKey: .file("\(directory)/server.key"),
            trustedCA: .file("\(directory)/ca.crt")
        )
        let server = try RPCServer(
            configuration: RPCServerConfiguration(host: "127.0.0.1", port: 0, tls: serverTLS),
            services: [BenchService()]
        )
        let serverTask = Task { try await server.run() }
        let port = try await server.localPort
        let clientTLS = TLSConfiguration.client(
            certificateChain: .file("\(directory)/client.crt"),
            privateKey: .file("\(directory)/client.key"),
            trustedCA: .file("\(directory)/ca.crt"),
            serverName: "localhost"
        )
        let client = try RPCClient(
            configuration: RPCClientConfiguration(
                host: "127.0.0.1", port: port, tls: clientTLS, connections: connections)
        )
        try await client.connect()
        let warmUp = ContinuousClock.now + .seconds(2)
        let end = warmUp + .seconds(seconds)
        let executors = isPinned ? client.connectionExecutors : []
        let (latencies, errors) = try await withThrowingTaskGroup(of: ([UInt32], Int).self) { group in
            for caller in 0..<(connections * concurrency) {
                let executor = executors.isEmpty ? nil : executors[caller % executors.count]
                group.addTask(executorPreference: executor) {
                    var samples: [UInt32] = []
                    var errors = 0
                    samples.reserveCapacity(200_000)
                    let clock = ContinuousClock()
                    while true {
                        let start = clock.now
                        if start >= end { break }
                        do {
                            _ = try await client.unary(method: method, request: request, options: CallOptions())
                        } catch {
                            errors += 1
                        }
                        if start >= warmUp {
                            let elapsed = clock.now - start
                            samples.append(
                                UInt32(
                                    clamping: elapsed.components.attoseconds / 1_000_000_000_000 + elapsed.components
                                        .seconds * 1_000_000))
                        }
                    }
                    return (samples, errors)
                }
            }
            var all: [UInt32] = []
            var errors = 0
            for try await (samples, failed) in group {
                all += samples
                errors += failed
            }
            return (all.sorted(), errors)
        }
        let count = latencies.count
        let p50 = count > 0 ? latencies[count / 2] : 0
        let p99 = count > 0 ? latencies[min(count - 1, count * 99 / 100)] : 0
        print(
            "RESULT method=\(arguments[1])\(isPinned ? "-pinned" : "") conns=\(connections) conc=\(concurrency) rps=\(count / max(seconds, 1)) "
                + "p50_us=\(p50) p99_us=\(p99) errors=\(errors)"
        )
        await client.close()
        server.shutdown()
        try await serverTask.value
    }
}
