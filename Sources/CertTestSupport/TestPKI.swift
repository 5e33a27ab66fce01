public import CertTLS
import Foundation

/// A throwaway PKI for tests, made with the `openssl` CLI in a temp directory once per process.
///
/// Role: the certificates every TLS and RPC test uses: a CA, a server certificate for
/// `localhost`/`127.0.0.1`, a client certificate, a second unrelated CA with its own client, and
/// an expired client certificate from the good CA. Keys are ECDSA P-256 (fast to generate).
/// Invariant: files live until the process exits; nothing is checked in.
/// Isolation: immutable after creation; `shared` is created once, lazily, thread-safely.
public struct TestPKI: Sendable {
    /// A certificate and its key, as file paths.
    public struct Identity: Sendable {
        public var certificate: String
        public var key: String
    }

    public let directory: String
    public let caCertificate: String
    public let server: Identity
    public let client: Identity
    public let otherCACertificate: String
    /// A client certificate issued by the other CA (refused by servers trusting only `caCertificate`).
    public let otherClient: Identity
    /// A client certificate from the good CA that expired yesterday.
    public let expiredClient: Identity

    /// The process-wide PKI; generated on first use.
    public static var shared: TestPKI {
        get throws { try self.sharedResult.get() }
    }

    private static let sharedResult = Result { try TestPKI.generate() }

    /// Generates a fresh PKI in a new temp directory.
    /// - Throws: ``TestPKIError`` when the `openssl` CLI fails.
    public static func generate() throws -> TestPKI {
        let directory = NSTemporaryDirectory() + "certd-test-pki-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let runner = OpenSSLCommandRunner(directory: directory)
        try runner.makeCA(name: "ca", subject: "/O=certd tests/CN=certd test CA")
        try runner.makeCA(name: "other-ca", subject: "/O=elsewhere/CN=unrelated CA")
        try runner.write("server.ext", "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
        try runner.write("client.ext", "extendedKeyUsage=clientAuth\n")
        try runner.makeLeaf(
            name: "server", subject: "/O=certd tests/CN=localhost", ca: "ca", extensions: "server.ext", days: 2)
        try runner.makeLeaf(
            name: "client", subject: "/O=certd tests/OU=agents/CN=client-1", ca: "ca", extensions: "client.ext", days: 2
        )
        try runner.makeLeaf(
            name: "other-client", subject: "/O=elsewhere/CN=intruder", ca: "other-ca", extensions: "client.ext", days: 2
        )
        try runner.makeLeaf(
            name: "expired-client", subject: "/O=certd tests/CN=expired", ca: "ca", extensions: "client.ext", days: -1)
        func identity(_ name: String) -> Identity {
            Identity(certificate: "\(directory)/\(name).crt", key: "\(directory)/\(name).key")
        }
        return TestPKI(
            directory: directory,
            caCertificate: "\(directory)/ca.crt",
            server: identity("server"),
            client: identity("client"),
            otherCACertificate: "\(directory)/other-ca.crt",
            otherClient: identity("other-client"),
            expiredClient: identity("expired-client")
        )
    }

    /// The server side: the server certificate, trusting `caCertificate` for clients.
    public func serverConfiguration() -> TLSConfiguration {
        .server(
            certificateChain: .file(self.server.certificate),
            privateKey: .file(self.server.key),
            trustedCA: .file(self.caCertificate)
        )
    }

    /// A client presenting `identity` (or nothing), trusting `caCertificate`, expecting `serverName`.
    public func clientConfiguration(identity: Identity?, serverName: String? = "localhost") -> TLSConfiguration {
        .client(
            certificateChain: identity.map { .file($0.certificate) },
            privateKey: identity.map { .file($0.key) },
            trustedCA: .file(self.caCertificate),
            serverName: serverName
        )
    }
}

/// Why the test PKI could not be made.
public enum TestPKIError: Error, CustomStringConvertible {
    case commandFailed(arguments: [String], status: Int32, output: String)

    public var description: String {
        switch self {
        case .commandFailed(let arguments, let status, let output):
            "openssl \(arguments.joined(separator: " ")) exited \(status): \(output)"
        }
    }
}

/// Runs `openssl` subcommands inside one directory.
private struct OpenSSLCommandRunner {
    let directory: String

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: "\(self.directory)/\(name)", atomically: true, encoding: .utf8)
    }

    func makeCA(name: String, subject: String) throws {
        try self.run([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "\(name).key", "-out", "\(name).crt", "-subj", subject, "-days", "3",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
    }

    func makeLeaf(name: String, subject: String, ca: String, extensions: String, days: Int) throws {
        try self.run([
            "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject,
        ])
        // A negative -days makes notAfter lie in the past: the expired-certificate case.
        try self.run([
            "x509", "-req", "-in", "\(name).csr", "-CA", "\(ca).crt", "-CAkey", "\(ca).key", "-CAcreateserial",
            "-days", "\(days)", "-extfile", extensions, "-out", "\(name).crt",
        ])
    }

    func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: self.directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestPKIError.commandFailed(
                arguments: arguments,
                status: process.terminationStatus,
                output: String(decoding: output, as: UTF8.self)
            )
        }
    }
}
