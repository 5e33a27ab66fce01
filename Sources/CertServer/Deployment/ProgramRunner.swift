import CertDomain
import Foundation
import Glibc

/// Runs an operator-installed program for a deployment and waits for it, bounded by a timeout.
///
/// Role: shared by the command executor and the file executor's reload command.
/// Invariants: only programs directly inside the configured command directory run (the name is
/// checked to hold no `/`); stdin is /dev/null; stdout is discarded and stderr captured (its tail
/// becomes the error text, withheld when it looks like key material); on timeout the program gets
/// SIGTERM, then SIGKILL a second later; when the task is cancelled (shutdown) it gets SIGKILL.
/// Isolation: a value type; `run` suspends the calling task while polling.
struct ProgramRunner: Sendable {
    let directory: String?
    let timeoutSeconds: Int

    /// Runs `name` from the command directory with `environment` added to a minimal one.
    /// - Throws: ``DeploymentFailure/rejected(_:)`` when the directory is not configured or the
    ///   program is missing; ``DeploymentFailure/failed(_:)`` for a non-zero exit or a timeout.
    func run(_ name: String, environment: [String: String], workingDirectory: String) async throws(DeploymentFailure) {
        guard let directory else {
            throw .rejected("no command directory is configured; the operator sets deploy-command-dir")
        }
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
            throw .rejected("the command name \"\(name)\" is not a plain program name")
        }
        let path = directory + "/" + name
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw .rejected("the command \"\(name)\" is not an executable program in the command directory")
        }
        let errorPath = workingDirectory + "/.stderr"
        FileManager.default.createFile(atPath: errorPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = []
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        var base = ["PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"]
        base.merge(environment) { $1 }
        process.environment = base
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        do {
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
            try process.run()
        } catch {
            throw .failed("the command \"\(name)\" could not be started: \(error.localizedDescription)")
        }
        let deadline = ContinuousClock.now + .seconds(self.timeoutSeconds)
        var timedOut = false
        while process.isRunning {
            if Task.isCancelled {
                // certd is shutting down: stop the program; the run stays `running` in the store
                // and is resumed on the next start.
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw .failed("the command \"\(name)\" was stopped by a certd shutdown")
            }
            if !timedOut && ContinuousClock.now >= deadline {
                timedOut = true
                kill(process.processIdentifier, SIGTERM)
                Task.detached { [pid = process.processIdentifier] in
                    try? await Task.sleep(for: .seconds(1))
                    kill(pid, SIGKILL)
                }
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        let stderr = Self.tail(of: errorPath)
        if timedOut {
            throw .failed("the command \"\(name)\" did not finish within \(self.timeoutSeconds) s" + stderr)
        }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how =
                process.terminationReason == .exit
                ? "exited with status \(process.terminationStatus)" : "was killed by signal \(process.terminationStatus)"
            throw .failed("the command \"\(name)\" \(how)" + stderr)
        }
    }

    /// `": <last 500 characters of stderr>"`, or empty; withheld when it contains a PEM key.
    static func tail(of path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return "" }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return "" }
        if text.contains("PRIVATE KEY") { return ": (stderr withheld: it contained key material)" }
        return ": " + String(text.suffix(500))
    }
}
