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
        var base = ["PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"]
        base.merge(environment) { $1 }
        let statusPath = workingDirectory + "/.status"
        unlink(statusPath)
        let pid = try Self.spawn(
            path, environment: base, workingDirectory: workingDirectory, stderrPath: errorPath,
            statusPath: statusPath)
        // The program runs in its own process group, so a timeout or shutdown also stops what it
        // started (a shell's children would otherwise linger).
        let deadline = ContinuousClock.now + .seconds(self.timeoutSeconds)
        var killAt: ContinuousClock.Instant?
        var timedOut = false
        while Self.isRunning(pid) {
            if Task.isCancelled {
                // certd is shutting down: the run stays `running` in the store and is resumed on
                // the next start.
                kill(-pid, SIGKILL)
                var ignored: Int32 = 0
                _ = waitpid(pid, &ignored, 0)
                throw .failed("the command \"\(name)\" was stopped by a certd shutdown")
            }
            let now = ContinuousClock.now
            if !timedOut && now >= deadline {
                timedOut = true
                kill(-pid, SIGTERM)
                killAt = now + .seconds(1)
            } else if let instant = killAt, now >= instant {
                kill(-pid, SIGKILL)
                killAt = nil
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        if !timedOut { kill(-pid, SIGKILL) }  // Leftover children of a finished program.
        let stderr = Self.tail(of: errorPath)
        if timedOut {
            throw .failed("the command \"\(name)\" did not finish within \(self.timeoutSeconds) s" + stderr)
        }
        // The wrapper shell wrote the program's status: waitpid's status may be gone when something
        // else in the process reaps children (Foundation's Process reaps with waitpid(-1)).
        let statusText = (try? String(contentsOfFile: statusPath, encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard let exitStatus = statusText.flatMap({ Int($0) }) else {
            throw .failed("the command \"\(name)\" ended without reporting a status" + stderr)
        }
        guard exitStatus == 0 else {
            let how =
                exitStatus > 128
                ? "was killed by signal \(exitStatus - 128)" : "exited with status \(exitStatus)"
            throw .failed("the command \"\(name)\" \(how)" + stderr)
        }
    }

    /// Whether the wrapper process still runs: reaps it when it has ended; a child reaped by someone
    /// else (`ECHILD`) has ended too.
    static func isRunning(_ pid: pid_t) -> Bool {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == 0 { return true }
            if result == -1 && errno == EINTR { continue }
            return false
        }
    }

    /// Starts `path` in a new process group with stdin and stdout on /dev/null and stderr into
    /// `stderrPath`.
    static func spawn(
        _ path: String, environment: [String: String], workingDirectory: String, stderrPath: String,
        statusPath: String
    ) throws(DeploymentFailure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // The program must not inherit certd's descriptors (the store, the listening socket, the
        // pipes its parent watches): close every one above stderr that is not close-on-exec.
        for descriptor in Self.inheritableDescriptors() {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        // Signals blocked or ignored in certd (ServiceLifecycle handles SIGTERM) must not be
        // inherited by the program.
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        // posix_spawn has no portable chdir action; a shell changes directory, runs the program and
        // records its status in a file (no shell parsing of the paths: they are positional parameters).
        let wrapper = "cd -- \"$1\" || exit 126; \"$2\"; code=$?; echo $code > \"$3\"; exit $code"
        let words: [String] = ["/bin/sh", "-c", wrapper, "certd-deploy", workingDirectory, path, statusPath]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let variables: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            arguments.forEach { free($0) }
            variables.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, arguments, variables)
        guard result == 0 else {
            throw .failed("the command at \(path) could not be started: \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Open descriptors above 2 without `FD_CLOEXEC`.
    static func inheritableDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap(Int32.init).filter { descriptor in
            guard descriptor > 2 else { return false }
            let flags = fcntl(descriptor, F_GETFD)
            return flags >= 0 && flags & FD_CLOEXEC == 0
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
