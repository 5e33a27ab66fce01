import CertCrypto
import CertDomain
import CertServer
import CertTestSupport
import Foundation
import NIOHTTP1
import Testing

/// The real executors: files on disk, programs run, HTTP to a loopback sink.
@Suite("DeploymentExecutors: file, command, webhook and product routes")
struct DeploymentExecutorsTests {
    let pki: IssuedTestPKI
    let leaf: IssuedTestPKI.Leaf

    init() throws {
        self.pki = try IssuedTestPKI(now: Date(), name: "Deploy Test")
        self.leaf = try self.pki.leaf(commonName: "deploy.example.com")
    }

    func material(withKey: Bool = true, leaf: IssuedTestPKI.Leaf? = nil) throws -> DeploymentMaterial {
        let leaf = leaf ?? self.leaf
        return DeploymentMaterial(
            certificateID: "cert-00000000000000aa", certificateName: "site",
            fingerprintSHA256: leaf.certificate.details.sha256Fingerprint,
            certificatePEM: leaf.certificate.pem, chainPEM: String(decoding: self.pki.chainPEM, as: UTF8.self),
            privateKeyPEM: withKey ? try leaf.key.pkcs8PEM() : nil)
    }

    static func target(
        _ kind: DeploymentTargetKind, settings: [String: String] = [:], allowKey: Bool = true,
        resourceID: String = "", region: String = ""
    ) -> DeploymentTarget {
        DeploymentTarget(
            id: .generate(), ownerAccountID: "alice", name: "t", kind: kind, resourceID: resourceID, region: region,
            settings: settings, allowKey: allowKey, createdAt: Date())
    }

    static func script(_ directory: String, _ name: String, _ body: String) throws {
        let path = directory + "/" + name
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    static func inode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int)
    }

    @Test("a file target gets cert, chain, full chain and key, with their modes, replaced by rename")
    func fileTarget() async throws {
        try await withTemporaryDirectory(prefix: "deploy-file") { root in
            let executors = DeploymentExecutors(settings: DeploymentSettings(fileRoot: root))
            let target = Self.target(.file, settings: ["directory": "web/site", "keyMode": "0640"])
            try await executors.deploy(try self.material(), to: target)
            let directory = root + "/web/site"
            #expect(try String(contentsOfFile: directory + "/cert.pem", encoding: .utf8) == self.leaf.certificate.pem)
            #expect(
                try String(contentsOfFile: directory + "/fullchain.pem", encoding: .utf8)
                    == self.leaf.certificate.pem + String(decoding: self.pki.chainPEM, as: UTF8.self))
            #expect(try String(contentsOfFile: directory + "/key.pem", encoding: .utf8) == self.leaf.key.pkcs8PEM())
            #expect(try Self.mode(directory + "/key.pem") == 0o640)
            #expect(try Self.mode(directory + "/cert.pem") == 0o644)
            let before = try Self.inode(directory + "/cert.pem")
            let renewed = try self.pki.leaf(commonName: "deploy.example.com")
            try await executors.deploy(try self.material(leaf: renewed), to: target)
            #expect(try String(contentsOfFile: directory + "/cert.pem", encoding: .utf8) == renewed.certificate.pem)
            #expect(try Self.inode(directory + "/cert.pem") != before, "replaced by rename, not rewritten in place")
            let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            #expect(names == ["cert.pem", "chain.pem", "fullchain.pem", "key.pem"], "no temporary files left")
        }
    }

    @Test("an SM2 dual pair: file and command targets also get the encryption certificate and key")
    func sm2DualFiles() async throws {
        let encryption = try self.pki.leaf(commonName: "deploy.example.com")
        var material = try self.material()
        material.encryptionCertificatePEM = encryption.certificate.pem
        material.encryptionPrivateKeyPEM = try encryption.key.pkcs8PEM()
        try await withTemporaryDirectory(prefix: "deploy-sm2") { root in
            let executors = DeploymentExecutors(
                settings: DeploymentSettings(fileRoot: root + "/files", commandDirectory: root))
            try await executors.deploy(material, to: Self.target(.file, settings: ["directory": "gm"]))
            let directory = root + "/files/gm"
            #expect(
                try String(contentsOfFile: directory + "/enc-cert.pem", encoding: .utf8) == encryption.certificate.pem)
            #expect(
                try String(contentsOfFile: directory + "/enc-key.pem", encoding: .utf8) == encryption.key.pkcs8PEM())
            #expect(try Self.mode(directory + "/enc-key.pem") == 0o600)
            #expect(try Self.mode(directory + "/enc-cert.pem") == 0o644)
            let out = root + "/seen.txt"
            try Self.script(root, "show", "cat \"$CERTD_ENC_CERT_FILE\" \"$CERTD_ENC_KEY_FILE\" > '\(out)'")
            try await executors.deploy(material, to: Self.target(.command, settings: ["command": "show"]))
            #expect(
                try String(contentsOfFile: out, encoding: .utf8)
                    == encryption.certificate.pem + (try encryption.key.pkcs8PEM()))
        }
    }

    @Test("file targets: default key mode 0600, no key file without allowKey, refused without a root")
    func fileTargetRules() async throws {
        try await withTemporaryDirectory(prefix: "deploy-file") { root in
            let executors = DeploymentExecutors(settings: DeploymentSettings(fileRoot: root))
            try await executors.deploy(try self.material(), to: Self.target(.file, settings: ["directory": "a"]))
            #expect(try Self.mode(root + "/a/key.pem") == 0o600)
            try await executors.deploy(
                try self.material(withKey: false),
                to: Self.target(.file, settings: ["directory": "b", "certificateFile": "site.crt"], allowKey: false))
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: root + "/b").sorted()
                    == ["chain.pem", "fullchain.pem", "site.crt"])
            await #expect(
                throws: DeploymentFailure.rejected("file deployment is not enabled; the operator sets deploy-file-root")
            ) {
                try await DeploymentExecutors(settings: DeploymentSettings()).deploy(
                    try self.material(), to: Self.target(.file, settings: ["directory": "a"]))
            }
        }
    }

    @Test("a reload command runs after the files are written; its failure carries its stderr")
    func reloadCommand() async throws {
        try await withTemporaryDirectory(prefix: "deploy-reload") { parent in
            let root = parent + "/root"
            let commands = parent + "/bin"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: commands, withIntermediateDirectories: true)
            try Self.script(commands, "reload-ok", "cp \"$CERTD_DIRECTORY/cert.pem\" \"$CERTD_DIRECTORY/reloaded\"")
            try Self.script(commands, "reload-bad", "echo 'nginx: bad config' >&2; exit 2")
            let executors = DeploymentExecutors(
                settings: DeploymentSettings(fileRoot: root, commandDirectory: commands))
            try await executors.deploy(
                try self.material(), to: Self.target(.file, settings: ["directory": "w", "reloadCommand": "reload-ok"]))
            #expect(try String(contentsOfFile: root + "/w/reloaded", encoding: .utf8) == self.leaf.certificate.pem)
            await #expect(
                throws: DeploymentFailure.failed("the command \"reload-bad\" exited with status 2: nginx: bad config")
            ) {
                try await executors.deploy(
                    try self.material(),
                    to: Self.target(.file, settings: ["directory": "w", "reloadCommand": "reload-bad"]))
            }
        }
    }

    @Test("a command target sees the PEM paths (key 0600) and facts in its environment; files are removed after")
    func commandTarget() async throws {
        try await withTemporaryDirectory(prefix: "deploy-command") { parent in
            let out = parent + "/out"
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try Self.script(
                parent, "install",
                """
                cp "$CERTD_CERT_FILE" \(out)/cert.pem
                stat -c %a "$CERTD_KEY_FILE" > \(out)/keymode
                echo "$CERTD_RESOURCE_ID $CERTD_REGION $CERTD_TARGET_KIND" > \(out)/facts
                dirname "$CERTD_CERT_FILE" > \(out)/dir
                """)
            let executors = DeploymentExecutors(settings: DeploymentSettings(commandDirectory: parent))
            try await executors.deploy(try self.material(), to: Self.target(.command, settings: ["command": "install"]))
            #expect(try String(contentsOfFile: out + "/cert.pem", encoding: .utf8) == self.leaf.certificate.pem)
            #expect(try String(contentsOfFile: out + "/keymode", encoding: .utf8) == "600\n")
            let directory = try String(contentsOfFile: out + "/dir", encoding: .utf8).trimmingCharacters(in: .newlines)
            #expect(!FileManager.default.fileExists(atPath: directory), "the PEM directory is removed")
            // A product kind routed to the same program gets its resource id and region.
            let routed = DeploymentExecutors(
                settings: DeploymentSettings(commandDirectory: parent, productRoutes: [.slb: .command(name: "install")])
            )
            try await routed.deploy(
                try self.material(), to: Self.target(.slb, resourceID: "lb-7", region: "eu-2"))
            #expect(try String(contentsOfFile: out + "/facts", encoding: .utf8) == "lb-7 eu-2 slb\n")
            await #expect(
                throws: DeploymentFailure.rejected(
                    "no executor is configured for cdn targets; the operator sets deploy-product-cdn")
            ) {
                try await routed.deploy(try self.material(), to: Self.target(.cdn, resourceID: "d", region: "r"))
            }
        }
    }

    @Test("a command is bounded by its timeout, and stderr with key material is withheld")
    func commandFailures() async throws {
        try await withTemporaryDirectory(prefix: "deploy-command") { parent in
            try Self.script(parent, "slow", "sleep 30")
            try Self.script(parent, "leaky", "cat \"$CERTD_KEY_FILE\" >&2; exit 1")
            let executors = DeploymentExecutors(
                settings: DeploymentSettings(commandDirectory: parent, commandTimeoutSeconds: 1))
            await #expect(throws: DeploymentFailure.failed("the command \"slow\" did not finish within 1 s")) {
                try await executors.deploy(
                    try self.material(), to: Self.target(.command, settings: ["command": "slow"]))
            }
            let material = try self.material()
            do throws(DeploymentFailure) {
                try await executors.deploy(material, to: Self.target(.command, settings: ["command": "leaky"]))
                Issue.record("the leaky command should fail")
            } catch {
                #expect(error.message.contains("withheld"))
                #expect(!error.message.contains("PRIVATE KEY"))
            }
            await #expect(throws: DeploymentFailure.self) {
                try await executors.deploy(
                    try self.material(), to: Self.target(.command, settings: ["command": "missing"]))
            }
        }
    }

    @Test("a webhook receives JSON, the key only when allowed; 5xx retries, 4xx is final")
    func webhookTarget() async throws {
        let sink = try await WebhookSink.start(statuses: [.ok, .ok, .serviceUnavailable, .notFound])
        let url = "http://127.0.0.1:\(sink.port)/deploy?team=web"
        let executors = DeploymentExecutors(settings: DeploymentSettings())
        try await executors.deploy(
            try self.material(withKey: false), to: Self.target(.webhook, settings: ["url": url], allowKey: false))
        try await executors.deploy(
            try self.material(), to: Self.target(.webhook, settings: ["url": url], allowKey: true))
        let requests = sink.requests
        #expect(requests.count == 2)
        #expect(requests.first?.path == "/deploy?team=web")
        #expect(requests.first?.contentType == "application/json")
        let first = try #require(try JSONSerialization.jsonObject(with: Data(requests[0].body)) as? [String: Any])
        #expect(first["certificatePEM"] as? String == self.leaf.certificate.pem)
        #expect(first["fingerprintSHA256"] as? String == self.leaf.certificate.details.sha256Fingerprint)
        #expect(first["privateKeyPEM"] == nil)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(requests[1].body)) as? [String: Any])
        #expect(second["privateKeyPEM"] as? String == (try self.leaf.key.pkcs8PEM()))
        await #expect(throws: DeploymentFailure.failed("the webhook answered HTTP 503")) {
            try await executors.deploy(try self.material(), to: Self.target(.webhook, settings: ["url": url]))
        }
        await #expect(throws: DeploymentFailure.rejected("the webhook answered HTTP 404")) {
            try await executors.deploy(try self.material(), to: Self.target(.webhook, settings: ["url": url]))
        }
        await sink.stop()
        let closed = try OpenSSLTestServer.freePort()
        let material = try self.material()
        do throws(DeploymentFailure) {
            try await executors.deploy(
                material, to: Self.target(.webhook, settings: ["url": "http://127.0.0.1:\(closed)/"]))
            Issue.record("nothing listens there")
        } catch {
            guard case .failed = error else {
                Issue.record("a refused connection is retryable, got \(error)")
                return
            }
        }
    }
}
