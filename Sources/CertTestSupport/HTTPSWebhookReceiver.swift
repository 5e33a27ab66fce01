import CertCrypto
import Foundation

/// A real HTTPS webhook receiver on loopback: Python's `http.server` behind Python's `ssl`, with
/// a certificate issued by a test CA made in the test.
///
/// Role: the peer of certd's https webhook client (expiry notices and deployment targets). It
/// answers 204 to every POST and saves each body as `post-NNN.json` (written atomically) in its
/// directory. A handshake the client aborts (untrusted chain, wrong name) just ends that connection.
/// Invariants: the child exits when the value is stopped or released, and on its own after 2
/// minutes at most; it listens on 127.0.0.1 only.
/// Isolation: `Sendable`; the files are read from the test's task.
public final class HTTPSWebhookReceiver: Sendable {
    public let directory: String
    public let port: Int
    private let process: Process

    private init(directory: String, port: Int, process: Process) {
        self.directory = directory
        self.port = port
        self.process = process
    }

    deinit {
        if self.process.isRunning { self.process.terminate() }
    }

    static let script = #"""
        import os, ssl, sys, threading
        from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

        out, chain, key = sys.argv[1], sys.argv[2], sys.argv[3]
        lock = threading.Lock()
        state = {"posts": 0}
        threading.Timer(120, lambda: os._exit(0)).start()

        class Hook(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with lock:
                    state["posts"] += 1
                    path = os.path.join(out, "post-%03d.json" % state["posts"])
                with open(path + ".tmp", "wb") as f:
                    f.write(body)
                os.rename(path + ".tmp", path)
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()
            def log_message(self, *args):
                pass

        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(chain, key)
        server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print("PORT %d" % server.server_address[1], flush=True)
        sys.stdin.read()
        os._exit(0)
        """#

    /// Starts a receiver serving `leaf` (followed by `intermediatePEM`) and saving into `directory`.
    /// - Parameters:
    ///   - directory: where the key, chain, script and received bodies go (created).
    ///   - leaf: the server certificate and key.
    ///   - intermediatePEM: the issuing intermediate, sent after the leaf.
    public static func start(in directory: String, leaf: IssuedTestPKI.Leaf, intermediatePEM: String) async throws
        -> HTTPSWebhookReceiver
    {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let chainPath = directory + "/chain.pem"
        let keyPath = directory + "/key.pem"
        let scriptPath = directory + "/receiver.py"
        try (leaf.certificate.pem + intermediatePEM).write(toFile: chainPath, atomically: true, encoding: .utf8)
        try leaf.key.pkcs8PEM().write(toFile: keyPath, atomically: true, encoding: .utf8)
        try Self.script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let (process, port) = try await PythonTestPeer.start(
            scriptPath: scriptPath, arguments: [directory, chainPath, keyPath])
        return HTTPSWebhookReceiver(directory: directory, port: port, process: process)
    }

    /// Stops the child.
    public func stop() {
        if self.process.isRunning { self.process.terminate() }
    }

    /// Polls until `count` bodies arrived (or `timeout` passed).
    /// - Returns: the bodies received, in order.
    public func waitForPosts(count: Int, timeout: Duration = .seconds(15)) async throws -> [String] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let found = self.posts
            if found.count >= count || ContinuousClock.now >= deadline { return found }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The bodies received so far, in order.
    public var posts: [String] {
        PythonTestPeer.savedFiles(in: self.directory, prefix: "post-", suffix: ".json")
    }
}

/// Why the test receiver is not running.
public enum HTTPSWebhookReceiverError: Error, CustomStringConvertible {
    case didNotStart(output: String)

    public var description: String {
        switch self {
        case .didNotStart(let output): "the Python HTTPS receiver did not start: \(output)"
        }
    }
}
