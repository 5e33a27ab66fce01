public import CertTLS
import Foundation
import Synchronization

/// The real `certd` executable running as a child process, for end-to-end tests.
///
/// Role: starts the binary built next to the test bundle (`swift build --build-tests` builds every
/// product) with `serve --data-dir DIR --listen 127.0.0.1:0`, waits for its
/// `LISTENING host=... port=...` line, and stops it with SIGTERM like an operator would.
/// Invariants: `port` is the port certd reported; the process is killed (SIGKILL) if the value is
/// dropped while certd still runs, so a failing test never leaks a server.
/// Isolation: `Sendable`; the captured output sits behind a `Mutex` because the pipe drains and
/// Foundation's termination handler run on their own threads.
public final class RunningCertd: Sendable {
    /// The data directory certd was started with.
    public let dataDirectory: String
    /// The port certd listens on (127.0.0.1).
    public let port: Int
    /// The child's process id (for `/proc/<pid>/stat` or extra signals).
    public let processIdentifier: Int32

    private let process: Process
    private let state: OutputBox

    /// The child's output and exit status, shared with Foundation's handler threads.
    final class OutputBox: Sendable {
        let mutex = Mutex(OutputState())

        func withLock<T>(_ body: (inout OutputState) -> T) -> T {
            self.mutex.withLock { body(&$0) }
        }
    }

    struct OutputState {
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var exitStatus: Int32?
        var exitWaiters: [CheckedContinuation<Int32, Never>] = []
    }

    private init(dataDirectory: String, port: Int, process: Process, state: OutputBox) {
        self.dataDirectory = dataDirectory
        self.port = port
        self.process = process
        self.processIdentifier = process.processIdentifier
        self.state = state
    }

    deinit {
        if self.state.withLock({ $0.exitStatus == nil }) {
            kill(self.processIdentifier, SIGKILL)
        }
    }

    /// The `certd` binary next to the running test bundle.
    /// - Throws: ``RunningCertdError/binaryMissing(path:)`` when it has not been built.
    public static func binaryPath() throws -> String {
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let path = URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent("certd").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw RunningCertdError.binaryMissing(path: path)
        }
        return path
    }

    /// Starts certd on `dataDirectory` (created and initialised by certd if empty) and waits until it listens.
    /// - Parameters:
    ///   - dataDirectory: the data directory to pass as `--data-dir`.
    ///   - arguments: extra `serve` arguments (for example `--drain-timeout 5`).
    ///   - timeout: how long to wait for the `LISTENING` line.
    /// - Returns: the running server.
    /// - Throws: ``RunningCertdError`` when certd exits or does not report its port in time.
    public static func start(
        dataDirectory: String,
        arguments: [String] = [],
        timeout: Duration = .seconds(60)
    ) async throws -> RunningCertd {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try self.binaryPath())
        process.arguments = ["serve", "--data-dir", dataDirectory, "--listen", "127.0.0.1:0"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["CERTD_LOG_LEVEL"] = environment["CERTD_TEST_LOG_LEVEL"] ?? "warning"
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let state = OutputBox()
        // Blocking reads on threads of their own, not `readabilityHandler`: on Linux the dispatch
        // read source behind that handler races the pipe's close and can crash the whole test
        // process in `_dispatch_event_loop_drain` (swift-corelibs-foundation#3276).
        PipeDrain.start(stdout.fileHandleForReading, name: "certd-stdout") { data in
            state.withLock { $0.stdout += data }
        }
        PipeDrain.start(stderr.fileHandleForReading, name: "certd-stderr") { data in
            state.withLock { $0.stderr += data }
        }
        process.terminationHandler = { process in
            let waiters = state.withLock { state in
                state.exitStatus = process.terminationStatus
                defer { state.exitWaiters = [] }
                return state.exitWaiters
            }
            for waiter in waiters { waiter.resume(returning: process.terminationStatus) }
        }
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while true {
            let (output, exitStatus) = state.withLock { (String(decoding: $0.stdout, as: UTF8.self), $0.exitStatus) }
            if let line = output.split(separator: "\n").first(where: { $0.hasPrefix("LISTENING ") }),
                let portField = line.split(separator: " ").first(where: { $0.hasPrefix("port=") }),
                let port = Int(portField.dropFirst("port=".count))
            {
                return RunningCertd(dataDirectory: dataDirectory, port: port, process: process, state: state)
            }
            if let exitStatus {
                let errors = state.withLock { String(decoding: $0.stderr, as: UTF8.self) }
                throw RunningCertdError.exited(status: exitStatus, stderr: errors)
            }
            if ContinuousClock.now >= deadline {
                kill(process.processIdentifier, SIGKILL)
                throw RunningCertdError.notListening(stdout: output)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Everything certd wrote to stdout so far.
    public var standardOutput: String { self.state.withLock { String(decoding: $0.stdout, as: UTF8.self) } }
    /// Everything certd wrote to stderr so far (its logs).
    public var standardError: String { self.state.withLock { String(decoding: $0.stderr, as: UTF8.self) } }

    /// Sends SIGTERM (graceful shutdown) and waits for certd to exit.
    /// - Returns: the exit status.
    @discardableResult
    public func stop() async -> Int32 {
        self.signal(SIGTERM)
        return await self.waitForExit()
    }

    /// Sends `signal` to certd.
    public func signal(_ signal: Int32) {
        kill(self.process.processIdentifier, signal)
    }

    /// Waits until certd has exited.
    /// - Returns: the exit status.
    public func waitForExit() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status = self.state.withLock { state -> Int32? in
                if let status = state.exitStatus { return status }
                state.exitWaiters.append(continuation)
                return nil
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    /// The data directory's file layout (same names as certd's `DataDirectory`).
    public var caCertificatePath: String { self.dataDirectory + "/ca.pem" }
    public var adminCertificatePath: String { self.dataDirectory + "/admin.pem" }
    public var adminKeyPath: String { self.dataDirectory + "/admin-key.pem" }

    /// A client TLS configuration presenting the admin credentials from the data directory.
    public func adminTLS() -> TLSConfiguration {
        .client(
            certificateChain: .file(self.adminCertificatePath),
            privateKey: .file(self.adminKeyPath),
            trustedCA: .file(self.caCertificatePath),
            serverName: "localhost"
        )
    }

    /// A client TLS configuration presenting the given PEM credentials, trusting certd's CA.
    public func clientTLS(certificatePEM: String, privateKeyPEM: String) -> TLSConfiguration {
        .client(
            certificateChain: .pem(certificatePEM),
            privateKey: .pem(privateKeyPEM),
            trustedCA: .file(self.caCertificatePath),
            serverName: "localhost"
        )
    }
}

/// Why a ``RunningCertd`` could not be started.
public enum RunningCertdError: Error, CustomStringConvertible {
    case binaryMissing(path: String)
    case exited(status: Int32, stderr: String)
    case notListening(stdout: String)

    public var description: String {
        switch self {
        case .binaryMissing(let path): "\(path) not found: run `swift build --build-tests` first"
        case .exited(let status, let stderr): "certd exited with status \(status) before listening:\n\(stderr)"
        case .notListening(let stdout): "certd did not print LISTENING in time; stdout:\n\(stdout)"
        }
    }
}
