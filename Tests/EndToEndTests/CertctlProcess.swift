import Foundation
import Testing

/// Runs the certctl binary as a child process, the way a user or script would.
///
/// Role: every certctl end-to-end test goes through it. Output goes to temporary files (not
/// pipes) so that a large output can never block the child.
/// Isolation: a namespace; each run is independent.
enum CertctlProcess {
    /// What one invocation produced.
    struct Result: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        /// stdout parsed as one JSON object.
        func json(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
            let value = try JSONSerialization.jsonObject(with: Data(self.stdout.utf8))
            return try #require(
                value as? [String: Any], "stdout is not a JSON object: \(self)", sourceLocation: sourceLocation)
        }

        var description: String { "exit \(self.status)\nstdout:\n\(self.stdout)\nstderr:\n\(self.stderr)" }
    }

    /// The certctl binary next to the test bundle (`swift build --build-tests` builds every product).
    static func binaryPath() throws -> String {
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let path = URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent("certctl").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ChildProcessError.missing("\(path) not found: run `swift build --build-tests` first")
        }
        return path
    }

    /// Runs certctl with `arguments`.
    /// - Parameters:
    ///   - arguments: the command line after `certctl`.
    ///   - environment: variables set for the child on top of a clean certd-free environment
    ///     (`CERTD_*` and `XDG_DATA_HOME` of the test runner are removed).
    ///   - workingDirectory: the child's current directory.
    /// - Returns: exit status and output.
    static func run(
        _ arguments: [String],
        environment: [String: String],
        workingDirectory: String
    ) async throws -> Result {
        try await ChildProcess.run(
            executable: try Self.binaryPath(), arguments: arguments,
            environment: Self.cleanEnvironment().merging(environment) { $1 },
            workingDirectory: workingDirectory)
    }

    private static func cleanEnvironment() -> [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CERTD_") && $0.key != "XDG_DATA_HOME" }
    }
}

/// A child process with stdin from /dev/null and output captured through temporary files.
enum ChildProcess {
    static func run(
        executable: String,
        arguments: [String],
        environment: [String: String]? = nil,
        workingDirectory: String
    ) async throws -> CertctlProcess.Result {
        let id = UUID().uuidString
        let outPath = workingDirectory + "/.out-\(id)"
        let errPath = workingDirectory + "/.err-\(id)"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        process.standardInput = FileHandle.nullDevice
        let outHandle = try #require(FileHandle(forWritingAtPath: outPath))
        let errHandle = try #require(FileHandle(forWritingAtPath: errPath))
        process.standardOutput = outHandle
        process.standardError = errHandle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try outHandle.close()
        try errHandle.close()
        return CertctlProcess.Result(
            status: status,
            stdout: try String(contentsOfFile: outPath, encoding: .utf8),
            stderr: try String(contentsOfFile: errPath, encoding: .utf8))
    }
}

enum ChildProcessError: Error, CustomStringConvertible {
    case missing(String)
    case failed(String)

    var description: String {
        switch self {
        case .missing(let message), .failed(let message): message
        }
    }
}
