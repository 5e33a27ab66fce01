import CertCrypto
import Foundation

/// A real SMTP relay on loopback for the STARTTLS/AUTH tests: Python's aiosmtpd, optionally
/// offering STARTTLS with a certificate from a test CA, with an authenticator that accepts one
/// user and password.
///
/// Role: the peer of certd's SMTP client (CertServer tests and end to end). Each accepted message is saved as `mail-NNN.eml`
/// (atomically), headed by `X-TLS: yes|no` and `X-Auth: LOGIN-NAME|-`; each AUTH attempt appends
/// `MECHANISM ok|fail` to `auth.log`. With STARTTLS, AUTH is offered only after it (aiosmtpd's
/// `auth_require_tls`); without, AUTH is offered in plain text (for the loopback case).
/// Invariants: the child exits when the value is stopped or released, and on its own after 2
/// minutes at most; it listens on 127.0.0.1 only.
/// Isolation: `Sendable`; the files are read from the test's task.
public final class SMTPRelaySink: Sendable {
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
        import os, socket, ssl, sys, threading
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        out, tls, chain, key, user, password, mechanisms = sys.argv[1:8]
        lock = threading.Lock()
        state = {"mails": 0}
        threading.Timer(120, lambda: os._exit(0)).start()

        def save(name, data):
            path = os.path.join(out, name)
            with open(path + ".tmp", "wb") as f:
                f.write(data)
            os.rename(path + ".tmp", path)

        class Mail:
            async def handle_DATA(self, server, session, envelope):
                with lock:
                    state["mails"] += 1
                    n = state["mails"]
                login = session.login_data.decode() if session.login_data else "-"
                head = "X-TLS: %s\r\nX-Auth: %s\r\n" % ("yes" if session.ssl else "no", login)
                save("mail-%03d.eml" % n, head.encode() + envelope.content)
                return "250 OK"

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
                  and auth_data.password == password.encode())
            with lock:
                with open(os.path.join(out, "auth.log"), "a") as f:
                    f.write("%s %s\n" % (mechanism, "ok" if ok else "fail"))
            # handled=False: aiosmtpd itself answers 535 to a failure (its default answers nothing).
            return AuthResult(success=ok, handled=False, auth_data=auth_data)

        # Implicit TLS is invisible to aiosmtpd's auth_require_tls check, so AUTH is offered as is.
        kwargs = {"authenticator": authenticator, "auth_require_tls": tls == "starttls"}
        excluded = [m for m in ("PLAIN", "LOGIN") if m not in mechanisms.split(",")]
        if excluded:
            kwargs["auth_exclude_mechanism"] = excluded
        if tls == "starttls":
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(chain, key)
            kwargs["tls_context"] = context
        if tls == "implicit":
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(chain, key)
            kwargs["ssl_context"] = context
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        controller = Controller(Mail(), hostname="127.0.0.1", port=port, **kwargs)
        controller.start()
        print("PORT %d" % port, flush=True)
        sys.stdin.read()
        os._exit(0)
        """#

    /// Starts a relay saving into `directory`.
    /// - Parameters:
    ///   - directory: where the key, chain, script and messages go (created).
    ///   - leaf: the relay's certificate and key; nil: no STARTTLS offered.
    ///   - isImplicitTLS: with a leaf: TLS from the first byte instead of STARTTLS.
    ///   - intermediatePEM: the issuing intermediate, sent after the leaf.
    ///   - user: the one accepted login.
    ///   - password: its password.
    ///   - mechanisms: the AUTH mechanisms offered (`PLAIN`, `LOGIN`).
    public static func start(
        in directory: String, leaf: IssuedTestPKI.Leaf?, isImplicitTLS: Bool = false, intermediatePEM: String = "",
        user: String,
        password: String, mechanisms: [String] = ["PLAIN", "LOGIN"]
    ) async throws -> SMTPRelaySink {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let chainPath = directory + "/chain.pem"
        let keyPath = directory + "/key.pem"
        let scriptPath = directory + "/relay.py"
        if let leaf {
            try (leaf.certificate.pem + intermediatePEM).write(toFile: chainPath, atomically: true, encoding: .utf8)
            try leaf.key.pkcs8PEM().write(toFile: keyPath, atomically: true, encoding: .utf8)
        }
        try Self.script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let (process, port) = try await PythonTestPeer.start(
            scriptPath: scriptPath,
            arguments: [
                directory, leaf == nil ? "plain" : isImplicitTLS ? "implicit" : "starttls", chainPath, keyPath, user,
                password, mechanisms.joined(separator: ","),
            ],
            peerName: "SMTP relay (is aiosmtpd installed?)")
        return SMTPRelaySink(directory: directory, port: port, process: process)
    }

    /// Stops the child.
    public func stop() {
        if self.process.isRunning { self.process.terminate() }
    }

    /// The messages received so far, in order.
    public var mails: [String] {
        PythonTestPeer.savedFiles(in: self.directory, prefix: "mail-", suffix: ".eml")
    }

    /// The AUTH attempts so far (`PLAIN ok`, `LOGIN fail`, ...).
    public var authAttempts: [String] {
        let text = (try? String(contentsOfFile: self.directory + "/auth.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }
}
