import ArgumentParser
import CertTLS
import Foundation
import NIOCore
import NIOPosix

/// `certload bare-server`: the RPC benchmark's baseline server: NIO + certd's TLS handler + a 4-byte
/// length prefix, no RPC layer, answering a 64-byte message with 2,048 bytes.
///
/// Uses certd's server identity from the data directory (server.pem, server-key.pem, ca.pem), so
/// the TLS work matches certd's. Prints `LISTENING host=H port=P`; runs until killed.
/// Isolation: runs on the main task; connections live on NIO's singleton event loops.
struct BareServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bare-server", abstract: "Bare TLS echo server (no RPC layer), the benchmark's baseline.")

    @Option(name: .customLong("data-dir"), help: "certd's data directory (server.pem, server-key.pem, ca.pem).")
    var dataDirectory: String
    @Option(help: "Address to listen on.") var listen: String = "127.0.0.1:0"

    func run() async throws {
        guard let colon = self.listen.lastIndex(of: ":"),
            let port = Int(self.listen[self.listen.index(after: colon)...])
        else { throw ValidationError("--listen must be HOST:PORT") }
        let host = String(self.listen[..<colon])
        let context = try TLSContext(
            configuration: .server(
                certificateChain: .file(self.dataDirectory + "/server.pem"),
                privateKey: .file(self.dataDirectory + "/server-key.pem"),
                trustedCA: .file(self.dataDirectory + "/ca.pem")
            )
        )
        let listener = try await BareEchoBenchmark.listen(context: context, host: host, port: port)
        FileHandle.standardOutput.write(Data("LISTENING host=\(host) port=\(listener.localAddress?.port ?? 0)\n".utf8))
        try await listener.closeFuture.get()
    }
}

/// `certload bare`: closed-loop load against `certload bare-server`, printing the same
/// `RESULT method=bare ...` line as `certload echo`, so the two give the RPC layer's cost.
/// Isolation: runs on the main task; workers are child tasks; each connection's handler is
/// touched only on its event loop.
struct BareLoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bare", abstract: "Closed-loop load against `certload bare-server` (no RPC layer).")

    @OptionGroup var target: ClientCredentialOptions
    @OptionGroup var shape: LoadShapeOptions

    func run() async throws {
        let (host, port) = try self.target.address()
        let context = try TLSContext(configuration: self.target.clientTLS())
        let clients = try await BareEchoBenchmark.connect(
            context: context, host: host, port: port, count: self.shape.connections)
        let request = [UInt8](repeating: 0x30, count: 64)
        let outcome = await self.shape.loop.run { worker in
            let (channel, handler) = clients[worker % clients.count]
            let promise = channel.eventLoop.makePromise(of: Void.self)
            channel.eventLoop.execute { handler.value.send(request, promise: promise) }
            try await promise.futureResult.get()
        }
        for (channel, _) in clients { try? await channel.close() }
        if let error = outcome.firstError { print("first_error: \(error)") }
        print(
            outcome.resultLine(method: "bare", connections: self.shape.connections, concurrency: self.shape.concurrency)
        )
        if outcome.measured == 0 { throw ExitCode(2) }
    }
}
