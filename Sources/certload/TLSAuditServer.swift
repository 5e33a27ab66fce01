import CertRPC
import CertTLS
import CertWire
import Foundation

/// A certd RPC server for TLS audits (tools/tls-audit.sh): the real TLS stack and policy, but
/// client certificates are verified only when presented (`PeerVerification.optional`), because
/// scanners such as testssl.sh 3.0 cannot present one.
///
/// Role: `certload tls-audit-server DIR` with DIR holding ca.crt and server.crt/key; prints
/// `LISTENING port=N` and serves until killed.
enum TLSAuditServer {
    static func run(arguments: [String]) async throws {
        guard let directory = arguments.first else {
            print("usage: certload tls-audit-server DIR")
            return
        }
        var tls = TLSConfiguration.server(
            certificateChain: .file("\(directory)/server.crt"),
            privateKey: .file("\(directory)/server.key"),
            trustedCA: .file("\(directory)/ca.crt")
        )
        tls.peerVerification = .optional
        let server = try RPCServer(
            configuration: RPCServerConfiguration(host: "127.0.0.1", port: 0, tls: tls),
            services: [EchoBenchmark.BenchService()]
        )
        async let running: Void = server.run()
        // Unbuffered: stdout is a file in the audit script, and the script waits for this line.
        FileHandle.standardOutput.write(Data("LISTENING port=\(try await server.localPort)\n".utf8))
        try await running
    }
}
