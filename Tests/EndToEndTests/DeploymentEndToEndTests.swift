import CertTLS
import CertTestSupport
import Foundation
import Testing

/// Deployment through the real certd and certctl: a job that survives a kill -9, and replace +
/// redeploy with verification against `openssl s_server`.
@Suite("Deployment end to end")
struct DeploymentEndToEndTests {
    /// certctl against `certd` with the data directory's admin credentials.
    struct Client {
        var dataDirectory: String
        var port: Int
        var work: String

        func certctl(_ arguments: String...) async throws -> CertctlProcess.Result {
            try await CertctlProcess.run(
                arguments, environment: ["CERTD_DATA": self.dataDirectory, "CERTD_SERVER": "127.0.0.1:\(self.port)"],
                workingDirectory: self.work)
        }

        /// Runs certctl with `--json` and returns the document, requiring exit 0.
        func json(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) async throws
            -> [String: Any]
        {
            let result = try await CertctlProcess.run(
                arguments + ["--json"],
                environment: ["CERTD_DATA": self.dataDirectory, "CERTD_SERVER": "127.0.0.1:\(self.port)"],
                workingDirectory: self.work)
            #expect(result.status == 0, "\(result)", sourceLocation: sourceLocation)
            return try result.json(sourceLocation: sourceLocation)
        }

        /// Polls `job get` until `accept` holds for the job document (or 60 s pass).
        func waitForJob(_ id: String, until accept: ([String: Any]) -> Bool) async throws -> [String: Any] {
            let deadline = ContinuousClock.now + .seconds(60)
            var job: [String: Any] = [:]
            while ContinuousClock.now < deadline {
                job = try await self.json("job", "get", id)
                if accept(job) { return job }
                try await Task.sleep(for: .milliseconds(100))
            }
            return job
        }
    }

    static func script(_ path: String, _ body: String) throws {
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    static func write(_ text: String, _ path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test(
        "a job cut off by kill -9 or SIGTERM in the middle of a slow command resumes after the restart and completes",
        arguments: [SIGKILL, SIGTERM])
    func resumesAfterRestart(signal: Int32) async throws {
        try await withTemporaryDirectory(prefix: "deploy-e2e") { parent in
            let work = parent + "/work"
            let bin = parent + "/bin"
            for directory in [work, bin] {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            // The program holds its attempt open until the test releases it, so the kill always lands
            // mid-attempt however slow the machine is.
            try Self.script(
                bin + "/slow-install",
                """
                echo start >> \(work)/log
                i=0; while [ ! -f \(work)/release ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done
                cp "$CERTD_CERT_FILE" \(work)/installed.pem
                echo done >> \(work)/log
                """)
            let leaf = try EndToEnd.makeLeaf(commonName: "slow.e2e.test")
            try Self.write(leaf.certificatePEM, work + "/leaf.pem")
            try Self.write(leaf.keyPEM, work + "/leaf-key.pem")
            let arguments = ["--deploy-command-dir", bin, "--deploy-retry-base", "1"]
            let data = parent + "/data"
            var certd = try await RunningCertd.start(dataDirectory: data, arguments: arguments)
            var client = Client(dataDirectory: data, port: certd.port, work: work)
            let uploaded = try await client.json(
                "cert", "upload", "--name", "slow", "--cert", work + "/leaf.pem", "--key", work + "/leaf-key.pem")
            let certificateID = try #require(uploaded["id"] as? String)
            let target = try await client.json(
                "target", "create", "--name", "slow", "--kind", "command", "--command", "slow-install")
            let targetID = try #require(target["id"] as? String)
            let created = try await client.json("deploy", certificateID, "--target", targetID, "--no-wait")
            let jobID = try #require(created["id"] as? String)
            let started = ContinuousClock.now + .seconds(60)
            while !FileManager.default.fileExists(atPath: work + "/log") && ContinuousClock.now < started {
                try await Task.sleep(for: .milliseconds(50))
            }
            let running = try await client.json("job", "get", jobID)
            #expect(running["state"] as? String == "running")

            certd.signal(signal)
            let exitStatus = await certd.waitForExit()
            if signal == SIGTERM {
                #expect(exitStatus == 0, "a graceful stop mid-job still exits 0: \(certd.standardError)")
            }
            certd = try await RunningCertd.start(dataDirectory: data, arguments: arguments)
            client.port = certd.port
            try Self.write("", work + "/release")
            let done = try await client.waitForJob(jobID) {
                ($0["state"] as? String).map { $0 != "running" && $0 != "pending" } ?? false
            }
            let runs = try #require(done["runs"] as? [[String: Any]])
            #expect(done["state"] as? String == "succeeded", "\(done)")
            #expect(runs.first?["attempts"] as? Int == 2, "the cut-off attempt counts, the resumed one succeeds")
            #expect(try String(contentsOfFile: work + "/installed.pem", encoding: .utf8) == leaf.certificatePEM)
            let deployments = try await client.json("cert", "deployments", certificateID)
            let items = try #require(deployments["deployments"] as? [[String: Any]])
            #expect(items.map { $0["targetID"] as? String } == [targetID])
            #expect(items.first?["outdated"] as? Bool == false)
            #expect(await certd.stop() == 0)
        }
    }

    @Test("replace an uploaded certificate through certctl: redeployed to its file target and verified by TLS")
    func replaceAndRedeploy() async throws {
        try await withTemporaryDirectory(prefix: "deploy-e2e") { parent in
            let work = parent + "/work"
            let root = parent + "/root"
            for directory in [work, root] {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            let old = try EndToEnd.makeLeaf(commonName: "web.e2e.test")
            let new = try EndToEnd.makeLeaf(commonName: "web.e2e.test")
            for (name, leaf) in [("old", old), ("new", new)] {
                try Self.write(leaf.certificatePEM, "\(work)/\(name).pem")
                try Self.write(leaf.keyPEM, "\(work)/\(name)-key.pem")
            }
            // The web server already serves the new certificate; certd must notice the old one is
            // deployed, then that the replacement is.
            let web = try await OpenSSLTestServer.start(
                certificatePath: work + "/new.pem", keyPath: work + "/new-key.pem")
            defer { web.server.stop() }
            let certd = try await RunningCertd.start(
                dataDirectory: parent + "/data", arguments: ["--deploy-file-root", root])
            let client = Client(dataDirectory: certd.dataDirectory, port: certd.port, work: work)
            let uploaded = try await client.json(
                "cert", "upload", "--name", "web", "--tag", "env=prod", "--cert", work + "/old.pem", "--key",
                work + "/old-key.pem")
            let certificateID = try #require(uploaded["id"] as? String)
            let target = try await client.json(
                "target", "create", "--name", "web", "--kind", "file", "--directory", "web", "--verify",
                "127.0.0.1:\(web.server.port)", "--sni", "web.e2e.test")
            let targetID = try #require(target["id"] as? String)
            let first = try await client.json("deploy", certificateID, "--target", targetID)
            #expect(first["state"] as? String == "succeeded")
            let firstRun = try #require((first["runs"] as? [[String: Any]])?.first)
            #expect((firstRun["verification"] as? [String: Any])?["result"] as? String == "servesOther")
            #expect(try String(contentsOfFile: root + "/web/cert.pem", encoding: .utf8) == old.certificatePEM)

            let replaced = try await client.json(
                "cert", "replace", certificateID, "--cert", work + "/new.pem", "--key", work + "/new-key.pem")
            let certificate = try #require(replaced["certificate"] as? [String: Any])
            #expect(certificate["id"] as? String == certificateID)
            #expect(certificate["name"] as? String == "web")
            #expect((certificate["tags"] as? [String: String]) == ["env": "prod"])
            let job = try #require(replaced["redeployJob"] as? [String: Any])
            #expect(job["state"] as? String == "succeeded")
            #expect(job["trigger"] as? String == "replace")
            let run = try #require((job["runs"] as? [[String: Any]])?.first)
            #expect(run["targetID"] as? String == targetID)
            #expect((run["verification"] as? [String: Any])?["result"] as? String == "verified")
            #expect(try String(contentsOfFile: root + "/web/cert.pem", encoding: .utf8) == new.certificatePEM)
            #expect(try String(contentsOfFile: root + "/web/key.pem", encoding: .utf8) == new.keyPEM)

            let status = try await client.json("cert", "deployments", certificateID)
            let item = try #require((status["deployments"] as? [[String: Any]])?.first)
            #expect(item["outdated"] as? Bool == false)
            #expect(item["fingerprintSHA256"] as? String == web.leaf.fingerprintSHA256)

            // A wrong key is refused like an upload, and nothing changes.
            let refused = try await client.certctl(
                "cert", "replace", certificateID, "--cert", work + "/old.pem", "--key", work + "/new-key.pem")
            #expect(refused.status == 3, "\(refused)")
            #expect(refused.stderr.contains("keyMismatch"))
            #expect(await certd.stop() == 0)
        }
    }

    @Test("a webhook target receives the certificate without its key, and the endpoint is verified")
    func webhookWithVerification() async throws {
        try await withTemporaryDirectory(prefix: "deploy-e2e") { parent in
            let work = parent + "/work"
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            let leaf = try EndToEnd.makeLeaf(commonName: "hook.e2e.test")
            try Self.write(leaf.certificatePEM, work + "/leaf.pem")
            try Self.write(leaf.keyPEM, work + "/leaf-key.pem")
            try Self.write(
                """
                import http.server, sys
                class Sink(http.server.BaseHTTPRequestHandler):
                    def do_POST(self):
                        body = self.rfile.read(int(self.headers["Content-Length"]))
                        with open(sys.argv[2], "ab") as out:
                            out.write(body + b"\\n")
                        self.send_response(200)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                    def log_message(self, *args):
                        pass
                server = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Sink)
                open(sys.argv[3], "w").close()
                server.serve_forever()
                """, work + "/sink.py")
            let port = try OpenSSLTestServer.freePort()
            let sink = Process()
            sink.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            sink.arguments = ["python3", work + "/sink.py", String(port), work + "/received", work + "/ready"]
            sink.standardOutput = FileHandle.nullDevice
            sink.standardError = FileHandle.nullDevice
            try sink.run()
            // SIGKILL by pid: the sink must not outlive the test, whatever Foundation thinks of it.
            let sinkPID = sink.processIdentifier
            defer { kill(sinkPID, SIGKILL) }
            let deadline = ContinuousClock.now + .seconds(20)
            while !FileManager.default.fileExists(atPath: work + "/ready") && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            let web = try await OpenSSLTestServer.start(
                certificatePath: work + "/leaf.pem", keyPath: work + "/leaf-key.pem")
            defer { web.server.stop() }

            let certd = try await RunningCertd.start(dataDirectory: parent + "/data")
            let client = Client(dataDirectory: certd.dataDirectory, port: certd.port, work: work)
            let uploaded = try await client.json(
                "cert", "upload", "--name", "hook", "--cert", work + "/leaf.pem", "--key", work + "/leaf-key.pem")
            let certificateID = try #require(uploaded["id"] as? String)
            let target = try await client.json(
                "target", "create", "--name", "hook", "--kind", "webhook", "--url", "http://127.0.0.1:\(port)/certs",
                "--verify", "127.0.0.1:\(web.server.port)")
            #expect(target["allowKey"] as? Bool == false)
            let job = try await client.json("deploy", certificateID, "--target", try #require(target["id"] as? String))
            #expect(job["state"] as? String == "succeeded", "\(job)")
            let run = try #require((job["runs"] as? [[String: Any]])?.first)
            #expect((run["verification"] as? [String: Any])?["result"] as? String == "verified")
            let received = try String(contentsOfFile: work + "/received", encoding: .utf8)
            let body = try #require(
                try JSONSerialization.jsonObject(with: Data(received.split(separator: "\n")[0].utf8)) as? [String: Any])
            #expect(body["certificateID"] as? String == certificateID)
            #expect(body["certificatePEM"] as? String == leaf.certificatePEM)
            #expect(body["privateKeyPEM"] == nil)
            #expect(!received.contains("PRIVATE KEY"))
            #expect(await certd.stop() == 0)
        }
    }
}
