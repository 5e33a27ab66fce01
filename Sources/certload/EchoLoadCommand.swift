import ArgumentParser
import CertAPI
import CertRPC
import CertWire
import Foundation

/// `certload echo`: closed-loop Echo/Echo calls against a running certd through the generated client.
///
/// Workload: 64-byte request asking for a 2,048-byte response (the grpc-echo peer's `get`). Prints
/// one `RESULT method=echo ...` line; exit status 2 if nothing was measured.
/// Isolation: runs on the main task; workers are child tasks sharing one `RPCClient`.
struct EchoLoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "echo", abstract: "Closed-loop Echo load against a running certd (64 B -> 2,048 B).")

    @OptionGroup var target: ClientCredentialOptions
    @OptionGroup var shape: LoadShapeOptions

    func run() async throws {
        let (host, port) = try self.target.address()
        let client = try RPCClient(
            configuration: RPCClientConfiguration(
                host: host, port: port, tls: self.target.clientTLS(), connections: self.shape.connections,
                keepAliveInterval: nil)
        )
        try await client.connect()
        let echo = EchoService.Client(transport: client)
        let request = EchoRequest(payload: [UInt8](repeating: 0x30, count: 64), responseSize: 2048)
        let outcome = await self.shape.loop.run { _ in
            let response = try await echo.echo(request)
            guard response.payload.count == 2048 else { throw RPCError(.internal, "short response") }
        }
        await client.close()
        if let error = outcome.firstError { print("first_error: \(error)") }
        print(
            outcome.resultLine(method: "echo", connections: self.shape.connections, concurrency: self.shape.concurrency)
        )
        if outcome.measured == 0 { throw ExitCode(2) }
    }
}
