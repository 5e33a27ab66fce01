import Foundation
import Testing

/// A webhook sink (HTTP on loopback) and an SMTP sink (Python's aiosmtpd on loopback) in one child
/// process, writing every delivery it accepts as a file, for the expiry-notification tests.
///
/// Role: the real peers of certd's webhook and SMTP clients. The webhook answers 500 to the first
/// `failFirst` posts (to exercise retries) and 204 afterwards; each accepted post is saved as
/// `webhook-NNN.json`, each message as `mail-NNN.eml` (first line `X-Rcpt: ...`), written atomically.
/// Invariants: the child exits when the value is stopped, and on its own after 5 minutes at most.
/// Isolation: `Sendable`; the files are read from the test's task.
final class NotificationSinks: Sendable {
    let directory: String
    let httpPort: Int
    let smtpPort: Int
    private let process: Process

    private init(directory: String, httpPort: Int, smtpPort: Int, process: Process) {
        self.directory = directory
        self.httpPort = httpPort
        self.smtpPort = smtpPort
        self.process = process
    }

    deinit {
        if self.process.isRunning { self.process.terminate() }
    }

    static let script = #"""
        import os, socket, sys, threading
        from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
        from aiosmtpd.controller import Controller

        out, fail_first = sys.argv[1], int(sys.argv[2])
        lock = threading.Lock()
        state = {"posts": 0, "mails": 0}
        threading.Timer(300, lambda: os._exit(0)).start()

        def save(name, data):
            path = os.path.join(out, name)
            with open(path + ".tmp", "wb") as f:
                f.write(data)
            os.rename(path + ".tmp", path)

        class Hook(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with lock:
                    state["posts"] += 1
                    n = state["posts"]
                if n <= fail_first:
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                save("webhook-%03d.json" % (n - fail_first), body)
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()
            def log_message(self, *args):
                pass

        class Mail:
            async def handle_DATA(self, server, session, envelope):
                with lock:
                    state["mails"] += 1
                    n = state["mails"]
                save("mail-%03d.eml" % n, ("X-Rcpt: %s\r\n" % ",".join(envelope.rcpt_tos)).encode() + envelope.content)
                return "250 OK"

        http = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
        threading.Thread(target=http.serve_forever, daemon=True).start()
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        smtp_port = s.getsockname()[1]
        s.close()
        controller = Controller(Mail(), hostname="127.0.0.1", port=smtp_port)
        controller.start()
        print("SINKS http=%d smtp=%d" % (http.server_address[1], smtp_port), flush=True)
        sys.stdin.read()
        os._exit(0)
        """#

    /// Starts the sinks writing into `directory`.
    /// - Parameters:
    ///   - directory: where deliveries are saved (created).
    ///   - failFirst: how many webhook posts to refuse with 500 first.
    static func start(in directory: String, failFirst: Int = 0) async throws -> NotificationSinks {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let scriptPath = directory + "/sinks.py"
        try Self.script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptPath, directory, String(failFirst)]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardInput = Pipe()
        try process.run()
        let line = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<String, any Error>) in
            DispatchQueue.global().async {
                var data = Data()
                while !data.contains(UInt8(ascii: "\n")) {
                    let chunk = stdout.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    data += chunk
                }
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
        }
        let fields = Dictionary(
            uniqueKeysWithValues: line.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { part in
                let pair = part.split(separator: "=")
                return pair.count == 2 ? (String(pair[0]), Int(pair[1]) ?? 0) : nil
            })
        guard let http = fields["http"], let smtp = fields["smtp"] else {
            process.terminate()
            throw ChildProcessError.failed("the notification sinks did not start (is aiosmtpd installed?): \(line)")
        }
        return NotificationSinks(directory: directory, httpPort: http, smtpPort: smtp, process: process)
    }

    /// Stops the child.
    func stop() {
        if self.process.isRunning { self.process.terminate() }
    }

    /// The saved deliveries whose names start with `prefix` (`webhook-` or `mail-`), in order.
    func files(_ prefix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: self.directory)) ?? []
        return names.filter { $0.hasPrefix(prefix) && !$0.hasSuffix(".tmp") }.sorted().map {
            (try? String(contentsOfFile: self.directory + "/" + $0, encoding: .utf8)) ?? ""
        }
    }

    /// Polls until `prefix` has `count` deliveries (or the timeout passes).
    /// - Returns: the deliveries found.
    @discardableResult
    func waitFor(_ prefix: String, count: Int, timeout: Duration = .seconds(15)) async throws -> [String] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let found = self.files(prefix)
            if found.count >= count || ContinuousClock.now >= deadline { return found }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
