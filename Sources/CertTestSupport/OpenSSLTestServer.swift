public import CertTLS
import Foundation
import Glibc

/// A real TLS server on loopback for tests: `openssl s_server` serving a given certificate.
///
/// Role: the endpoint that deployment verification checks. Started on a free port, ready when a
/// TLS handshake succeeds; killed on ``stop()`` or when dropped.
/// Invariants: `port` is where it listens on 127.0.0.1; the process never outlives the value.
/// Isolation: `Sendable`; the process handle is only signalled.
public final class OpenSSLTestServer: Sendable {
    /// The port it listens on (127.0.0.1).
    public let port: Int
    private let processIdentifier: Int32
    private let process: Process

    private init(port: Int, process: Process) {
        self.port = port
        self.process = process
        self.processIdentifier = process.processIdentifier
    }

    deinit {
        kill(self.processIdentifier, SIGKILL)
    }

    /// Starts `openssl s_server -www` with `certificatePath`/`keyPath` and waits until it answers TLS.
    /// - Parameters:
    ///   - certificatePath: PEM certificate (chain) file to serve.
    ///   - keyPath: its key, PEM.
    ///   - timeout: how long to wait for the first handshake.
    /// - Returns: the running server and the leaf it serves as read by ``TLSLeafProbe``.
    /// - Throws: ``OpenSSLTestServerError`` when it does not come up.
    public static func start(certificatePath: String, keyPath: String, timeout: Duration = .seconds(60))
        async throws -> (server: OpenSSLTestServer, leaf: TLSLeafProbe.Leaf)
    {
        let port = try Self.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "s_server", "-cert", certificatePath, "-key", keyPath, "-accept", "127.0.0.1:\(port)", "-www", "-quiet",
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = OpenSSLTestServer(port: port, process: process)
        let deadline = ContinuousClock.now + timeout
        var lastFailure = "not tried"
        while ContinuousClock.now < deadline {
            if !process.isRunning { throw OpenSSLTestServerError.exited(status: process.terminationStatus) }
            switch await TLSLeafProbe.fetch(host: "127.0.0.1", port: port, serverName: nil, timeoutMilliseconds: 5000) {
            case .success(let leaf): return (server, leaf)
            case .failure(let failure): lastFailure = failure.description
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw OpenSSLTestServerError.notListening(port: port, lastFailure: lastFailure)
    }

    /// Kills the server and waits until it is gone.
    public func stop() {
        kill(self.processIdentifier, SIGKILL)
        self.process.waitUntilExit()
    }

    /// A port nothing listens on right now (bound to port 0 and released).
    public static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw OpenSSLTestServerError.noFreePort }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw OpenSSLTestServerError.noFreePort }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Why an ``OpenSSLTestServer`` did not start.
public enum OpenSSLTestServerError: Error {
    case exited(status: Int32)
    case notListening(port: Int, lastFailure: String)
    case noFreePort
}
