import CertTestSupport
import Foundation
import Testing

/// certctl as a subprocess against a real certd (``RunningCertd``) on a fresh data directory, with
/// certificates made by the `openssl` CLI; values certctl prints are cross-checked with openssl.
@Suite("certctl end to end")
struct CertctlTests {
    /// A running certd, a scratch directory with openssl-made fixtures, and certctl pointed at them
    /// through `CERTD_DATA` (the default credential lookup) and `CERTD_SERVER`.
    struct Session {
        let certd: RunningCertd
        let work: String
        let fixtures: CertctlOpenSSLFixtures

        var environment: [String: String] {
            ["CERTD_DATA": self.certd.dataDirectory, "CERTD_SERVER": "127.0.0.1:\(self.certd.port)"]
        }

        func certctl(_ arguments: String...) async throws -> CertctlProcess.Result {
            try await CertctlProcess.run(arguments, environment: self.environment, workingDirectory: self.work)
        }

        func certctl(_ arguments: [String]) async throws -> CertctlProcess.Result {
            try await CertctlProcess.run(arguments, environment: self.environment, workingDirectory: self.work)
        }
    }

    /// - Parameters:
    ///   - serverArguments: extra `certd serve` flags; `{parent}` in them is replaced by the session's
    ///     temporary directory (for directories certd writes to, such as `--deploy-file-root`).
    ///   - body: the test.
    static func withSession(
        serverArguments: [String] = [], _ body: (Session) async throws -> Void
    ) async throws {
        try await withTemporaryDirectory(prefix: "certctl-e2e") { parent in
            let work = parent + "/work"
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            let fixtures = try await CertctlOpenSSLFixtures.make(in: work)
            let certd = try await RunningCertd.start(
                dataDirectory: parent + "/data",
                arguments: serverArguments.map { $0.replacingOccurrences(of: "{parent}", with: parent) })
            do {
                try await body(Session(certd: certd, work: work, fixtures: fixtures))
            } catch {
                await certd.stop()
                throw error
            }
            await certd.stop()
        }
    }

    static func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    @Test("upload, list, get, update, download and delete a certificate")
    func inventoryLifecycle() async throws {
        try await Self.withSession { session in
            let fixtures = session.fixtures
            let upload = try await session.certctl(
                "cert", "upload", "--json", "--name", "web", "--cert", fixtures.leafCertificate, "--key",
                fixtures.leafKey,
                "--chain", fixtures.rootCertificate, "--tag", "env=prod", "--tag", "team=edge",
                "--resource-group", "frontend")
            #expect(upload.status == 0, "\(upload)")
            let uploaded = try upload.json()
            let id = try #require(uploaded["id"] as? String)
            #expect(id.hasPrefix("cert-"))

            // The human listing is an aligned table naming the entry.
            let table = try await session.certctl("cert", "list")
            #expect(table.status == 0, "\(table)")
            let lines = table.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("ID") == true)
            #expect(
                lines.contains {
                    $0.contains(id) && $0.contains("web") && $0.contains(CertctlOpenSSLFixtures.leafCommonName)
                })

            // The JSON listing has every documented field, with values openssl agrees with.
            let listed = try await session.certctl("cert", "list", "--json", "--tag", "env=prod")
            #expect(listed.status == 0, "\(listed)")
            let listing = try listed.json()
            #expect(listing["nextPageToken"] as? String == "")
            let items = try #require(listing["certificates"] as? [[String: Any]])
            #expect(items.count == 1)
            let item = try #require(items.first)
            let fingerprint = try await CertctlOpenSSLFixtures.fingerprintSHA256(
                of: fixtures.leafCertificate, in: session.work)
            let documentedFields = [
                "id", "name", "source", "algorithm", "subject", "commonName", "sans", "issuer", "serialNumber",
                "fingerprintSHA256", "keyAlgorithm", "keySize", "signatureAlgorithm", "notBefore", "notAfter",
                "daysRemaining", "status", "chainLength", "chainComplete", "resourceGroup", "tags", "warnings",
                "createdAt",
            ]
            for field in documentedFields {
                #expect(item[field] != nil, "cert list --json lacks \(field)")
            }
            #expect(item["id"] as? String == id)
            #expect(item["name"] as? String == "web")
            #expect(item["source"] as? String == "uploaded")
            #expect(item["algorithm"] as? String == "international")
            #expect(item["commonName"] as? String == CertctlOpenSSLFixtures.leafCommonName)
            #expect(
                Set(item["sans"] as? [String] ?? []) == [CertctlOpenSSLFixtures.leafCommonName, "www.certctl.test"])
            #expect(item["fingerprintSHA256"] as? String == fingerprint)
            #expect(item["serialNumber"] as? String == CertctlOpenSSLFixtures.leafSerialHex)
            #expect(item["keyAlgorithm"] as? String == "RSA")
            #expect(item["keySize"] as? Int == 2048)
            #expect(item["status"] as? String == "valid")
            #expect((item["daysRemaining"] as? Int).map { (198...200).contains($0) } == true)
            #expect(item["chainLength"] as? Int == 1)
            #expect(item["chainComplete"] as? Bool == true)
            #expect(item["resourceGroup"] as? String == "frontend")
            #expect(item["tags"] as? [String: String] == ["env": "prod", "team": "edge"])
            let notAfter = try #require(item["notAfter"] as? String)
            #expect(notAfter.hasSuffix("Z") && ISO8601DateFormatter().date(from: notAfter) != nil)

            // A filter that matches nothing gives an empty list, not an error.
            let none = try await session.certctl("cert", "list", "--json", "--tag", "env=staging")
            #expect(try (none.json()["certificates"] as? [Any])?.isEmpty == true)

            let get = try await session.certctl("cert", "get", id, "--json")
            #expect(get.status == 0, "\(get)")
            let entry = try get.json()
            #expect(entry["fingerprintSHA256"] as? String == fingerprint)
            #expect(entry["issuer"] as? String == "CN=certctl Test Root")

            let block = try await session.certctl("cert", "get", id)
            #expect(block.stdout.contains("sha256:") && block.stdout.contains(fingerprint))

            let update = try await session.certctl(
                "cert", "update", id, "--json", "--tag", "owner=ops", "--untag", "team", "--name", "web-2")
            #expect(update.status == 0, "\(update)")
            let updated = try update.json()
            #expect(updated["name"] as? String == "web-2")
            #expect(updated["tags"] as? [String: String] == ["env": "prod", "owner": "ops"])

            let out = session.work + "/download"
            let download = try await session.certctl("cert", "download", id, "--out", out)
            #expect(download.status == 0, "\(download)")
            #expect(try Self.mode(of: out + "/key.pem") == 0o600)
            #expect(
                try await CertctlOpenSSLFixtures.fingerprintSHA256(of: out + "/cert.pem", in: session.work)
                    == fingerprint)
            #expect(
                try await CertctlOpenSSLFixtures.publicKey(ofPrivateKey: out + "/key.pem", in: session.work)
                    == CertctlOpenSSLFixtures.publicKey(ofCertificate: fixtures.leafCertificate, in: session.work))
            let chain = try String(contentsOfFile: out + "/chain.pem", encoding: .utf8)
            #expect(chain.contains("BEGIN CERTIFICATE"))

            // Without --yes and without a terminal, delete refuses (usage) and deletes nothing.
            let refused = try await session.certctl("cert", "delete", id)
            #expect(refused.status == 2, "\(refused)")
            #expect(refused.stderr.contains("--yes"))
            #expect(try await session.certctl("cert", "get", id).status == 0)

            let delete = try await session.certctl("cert", "delete", id, "--yes")
            #expect(delete.status == 0, "\(delete)")
            let gone = try await session.certctl("cert", "get", id, "--json")
            #expect(gone.status == 4, "\(gone)")
            let error = try #require(try gone.json()["error"] as? [String: Any])
            #expect(error["code"] as? String == "notFound")
        }
    }

    @Test("tools describe, match and convert; bad input gets its exit code and reason")
    func toolsAndBadInput() async throws {
        try await Self.withSession { session in
            let fixtures = session.fixtures
            let fingerprint = try await CertctlOpenSSLFixtures.fingerprintSHA256(
                of: fixtures.leafCertificate, in: session.work)

            let describe = try await session.certctl(
                "tools", "describe", "--json", "--cert", fixtures.leafCertificate, "--chain", fixtures.rootCertificate)
            #expect(describe.status == 0, "\(describe)")
            let description = try describe.json()
            #expect(description["fingerprintSHA256"] as? String == fingerprint)
            #expect(description["serialNumber"] as? String == CertctlOpenSSLFixtures.leafSerialHex)
            #expect(description["commonName"] as? String == CertctlOpenSSLFixtures.leafCommonName)
            #expect(description["keySize"] as? Int == 2048)
            #expect(description["status"] as? String == "valid")
            #expect(description["chainLength"] as? Int == 1)
            #expect(description["chainComplete"] as? Bool == true)

            let match = try await session.certctl(
                "tools", "match", "--cert", fixtures.leafCertificate, "--key", fixtures.leafKey)
            #expect(match.status == 0, "\(match)")

            let mismatch = try await session.certctl(
                "tools", "match", "--json", "--cert", fixtures.leafCertificate, "--key", fixtures.otherKey)
            #expect(mismatch.status == 3, "\(mismatch)")
            #expect((try mismatch.json()["error"] as? [String: Any])?["reason"] as? String == "keyMismatch")

            // A PFX made by `openssl pkcs12 -export` converts back to the same certificate and key.
            let converted = session.work + "/converted"
            let convert = try await session.certctl(
                "tools", "convert", "--in", fixtures.pfx, "--from", "pfx", "--password-file", fixtures.pfxPasswordFile,
                "--out", converted)
            #expect(convert.status == 0, "\(convert)")
            #expect(
                try await CertctlOpenSSLFixtures.fingerprintSHA256(of: converted + "/cert.pem", in: session.work)
                    == fingerprint)
            #expect(try Self.mode(of: converted + "/key.pem") == 0o600)
            #expect(
                try await CertctlOpenSSLFixtures.publicKey(ofPrivateKey: converted + "/key.pem", in: session.work)
                    == CertctlOpenSSLFixtures.publicKey(ofCertificate: fixtures.leafCertificate, in: session.work))

            // Uploading a key that does not belong to the certificate: invalid input, keyMismatch.
            let badUpload = try await session.certctl(
                "cert", "upload", "--json", "--name", "bad", "--cert", fixtures.leafCertificate, "--key",
                fixtures.otherKey)
            #expect(badUpload.status == 3, "\(badUpload)")
            let badError = try #require(try badUpload.json()["error"] as? [String: Any])
            #expect(badError["reason"] as? String == "keyMismatch")
            #expect(badError["code"] as? String == "invalidArgument")
            let badText = try await session.certctl(
                "cert", "upload", "--name", "bad", "--cert", fixtures.leafCertificate, "--key", fixtures.otherKey)
            #expect(badText.status == 3)
            #expect(badText.stderr.hasPrefix("certctl: ") && badText.stderr.contains("(keyMismatch)"))
            #expect(badText.stdout.isEmpty)

            // An encrypted key: the passphrase comes from a file (one trailing newline stripped).
            try await CertctlOpenSSLFixtures.openssl(
                [
                    "pkey", "-in", fixtures.leafKey, "-aes256", "-passout", "pass:key-secret", "-out",
                    "leaf-key-enc.pem",
                ],
                in: session.work)
            try "key-secret\n".write(toFile: session.work + "/key-pass.txt", atomically: true, encoding: .utf8)
            try "wrong\n".write(toFile: session.work + "/wrong-pass.txt", atomically: true, encoding: .utf8)
            let encrypted = try await session.certctl(
                "cert", "upload", "--name", "encrypted", "--cert", fixtures.leafCertificate, "--key",
                "leaf-key-enc.pem", "--passphrase-file", "key-pass.txt")
            #expect(encrypted.status == 0, "\(encrypted)")
            #expect(!encrypted.stdout.contains("key-secret") && !encrypted.stderr.contains("key-secret"))
            let wrong = try await session.certctl(
                "cert", "upload", "--json", "--name", "wrong", "--cert", fixtures.leafCertificate, "--key",
                "leaf-key-enc.pem", "--passphrase-file", "wrong-pass.txt")
            #expect(wrong.status == 3, "\(wrong)")
            #expect((try wrong.json()["error"] as? [String: Any])?["reason"] as? String == "wrongPassphrase")

            let unknown = try await session.certctl("cert", "get", "cert-0000000000000000")
            #expect(unknown.status == 4, "\(unknown)")

            // Pagination: a page, the next page by token, and --all following every token.
            for name in ["p1", "p2", "p3"] {
                let upload = try await session.certctl(
                    "cert", "upload", "--name", name, "--cert", fixtures.leafCertificate, "--key", fixtures.leafKey,
                    "--tag", "page=yes")
                #expect(upload.status == 0, "\(upload)")
            }
            let first = try await session.certctl("cert", "list", "--json", "--tag", "page=yes", "--limit", "2")
            let firstPage = try first.json()
            #expect((firstPage["certificates"] as? [Any])?.count == 2)
            let token = try #require(firstPage["nextPageToken"] as? String)
            #expect(!token.isEmpty)
            let second = try await session.certctl(
                "cert", "list", "--json", "--tag", "page=yes", "--limit", "2", "--page-token", token)
            #expect((try second.json()["certificates"] as? [Any])?.count == 1)
            let all = try await session.certctl("cert", "list", "--json", "--tag", "page=yes", "--limit", "1", "--all")
            let allNames = (try all.json()["certificates"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(Set(allNames ?? []) == ["p1", "p2", "p3"])
            #expect(try all.json()["nextPageToken"] as? String == "")

            let health = try await session.certctl("health", "--json")
            #expect(health.status == 0, "\(health)")
            #expect(try health.json()["status"] as? String == "serving")
        }
    }

    @Test("usage errors, missing credentials and an unreachable server get their exit codes")
    func failuresWithoutServer() async throws {
        try await withTemporaryDirectory(prefix: "certctl-e2e") { work in
            // A missing required flag is a usage error (2), reported by the parser.
            let usage = try await CertctlProcess.run(
                ["cert", "upload", "--name", "x"], environment: ["CERTD_DATA": work], workingDirectory: work)
            #expect(usage.status == 2, "\(usage)")
            #expect(usage.stderr.contains("--cert"))

            // No credentials in the data directory: say which file is missing and how to name another.
            let missing = try await CertctlProcess.run(
                ["cert", "list"], environment: ["CERTD_DATA": work + "/empty"], workingDirectory: work)
            #expect(missing.status == 5, "\(missing)")
            #expect(missing.stderr.contains(work + "/empty/ca.pem") && missing.stderr.contains("--ca"))

            // Credentials present but nothing listens: unreachable (7) with a hint.
            let pki = try TestPKI.shared
            let unreachable = try await CertctlProcess.run(
                [
                    "cert", "list", "--json", "--server", "127.0.0.1:1", "--ca", pki.caCertificate,
                    "--cert", pki.client.certificate, "--key", pki.client.key, "--timeout", "5",
                ],
                environment: [:], workingDirectory: work)
            #expect(unreachable.status == 7, "\(unreachable)")
            let error = try #require(try unreachable.json()["error"] as? [String: Any])
            #expect(error["code"] as? String == "unavailable")
            #expect(unreachable.stderr.contains("certd serve") && unreachable.stderr.contains("--server"))

            // Global options may also come before the command (`--cert`/`--key` then name the client
            // credentials, even for `cert upload`, whose own --cert is the file to upload).
            let leading = try await CertctlProcess.run(
                [
                    "--server", "127.0.0.1:1", "--ca", pki.caCertificate, "--cert", pki.client.certificate,
                    "--key=\(pki.client.key)", "--json", "cert", "upload", "--name", "x", "--cert",
                    pki.client.certificate,
                ],
                environment: [:], workingDirectory: work)
            #expect(leading.status == 7, "\(leading)")
            #expect((try leading.json()["error"] as? [String: Any])?["code"] as? String == "unavailable")
        }
    }
}
