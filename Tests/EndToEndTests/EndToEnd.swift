import CertAPI
import CertCrypto
import CertRPC
import CertTLS
import CertTestSupport
import CertWire
import Foundation
import Testing

/// Shared steps of the end-to-end suites: a certd per test on a fresh data directory, clients
/// over real mTLS, and throwaway certificates to upload.
enum EndToEnd {
    /// Starts certd on a fresh temporary data directory, runs `body`, then stops certd with SIGTERM
    /// and checks that it exited 0 after draining.
    static func withCertd(_ body: (RunningCertd) async throws -> Void) async throws {
        try await withTemporaryDirectory(prefix: "certd-e2e") { parent in
            let certd = try await RunningCertd.start(dataDirectory: parent + "/data")
            do {
                try await body(certd)
            } catch {
                await certd.stop()
                throw error
            }
            let status = await certd.stop()
            #expect(status == 0, "certd exited \(status); stderr:\n\(certd.standardError)")
        }
    }

    /// Runs `body` with an RPC client presenting `tls` to `certd`, closing it afterwards.
    static func withClient<T>(
        _ certd: RunningCertd,
        tls: TLSConfiguration? = nil,
        _ body: (RPCClient) async throws -> T
    ) async throws -> T {
        let client = try RPCClient(
            configuration: RPCClientConfiguration(host: "127.0.0.1", port: certd.port, tls: tls ?? certd.adminTLS())
        )
        do {
            let result = try await body(client)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    }

    /// A self-signed CA and a leaf for `commonName`, as PEM: something to upload.
    static func makeLeaf(commonName: String) throws -> (certificatePEM: String, keyPEM: String) {
        try OpenSSLProviders.loadOnce()
        let ca = try CertificateAuthority.makeRoot(
            subject: DistinguishedName(commonName: "e2e upload CA"),
            key: try PrivateKey.generate(.p256),
            validity: Validity.days(30, from: Date())
        )
        let key = try PrivateKey.generate(.p256)
        let certificate = try ca.issueLeaf(
            subject: DistinguishedName(commonName: commonName),
            publicKey: key.publicKey,
            subjectAlternativeNames: [.dns(commonName)],
            validity: Validity.days(30, from: Date())
        )
        return (certificate.pem, try key.pkcs8PEM())
    }

    /// Runs a program to completion and returns its exit status and output.
    ///
    /// Waits without holding a thread of the test runner's task pool (``ChildProcess``): a
    /// blocking wait per running child starved every other test of the two-core pool, long
    /// enough for their network timeouts to fire.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) async throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let result = try await ChildProcess.run(
            executable: executable, arguments: arguments, environment: environment,
            workingDirectory: NSTemporaryDirectory())
        return (result.status, result.stdout, result.stderr)
    }
}
