import CertAPI
import CertCrypto
import CertRPC
import CertTestSupport
import CertWire
import Foundation
import Synchronization
import Testing

/// The certd executable's life: first start, restart, configuration errors, shutdown under load.
@Suite("certd lifecycle")
struct CertdLifecycleTests {
    static let privateFiles = [
        "ca.pem", "ca-key.pem", "server.pem", "server-key.pem", "admin.pem", "admin-key.pem", "master.key",
    ]

    @Test("first start initialises the data directory (0700, files 0600); restart keeps data and credentials")
    func firstStartAndRestart() async throws {
        try await withTemporaryDirectory(prefix: "certd-e2e") { parent in
            let data = parent + "/data"
            let first = try await RunningCertd.start(dataDirectory: data)
            #expect(first.standardOutput.contains("certd: initialised \(data)"))
            #expect(
                first.standardOutput.contains(
                    "CERTD_DATA=\(data) certctl --server 127.0.0.1:\(first.port) account list"))
            let directoryMode = try FileManager.default.attributesOfItem(atPath: data)[.posixPermissions] as? Int
            #expect(directoryMode == 0o700)
            var before: [String: Data] = [:]
            for name in Self.privateFiles {
                let path = data + "/" + name
                let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(name) has mode \(String(mode ?? -1, radix: 8))")
                before[name] = FileManager.default.contents(atPath: path)
            }
            let admin = try CertCrypto.Certificate(
                pem: String(contentsOfFile: first.adminCertificatePath, encoding: .utf8))
            #expect(admin.subject.contains("CN=admin"))
            #expect(before["master.key"]?.count == 32)

            let leaf = try EndToEnd.makeLeaf(commonName: "persist.example")
            let uploaded = try await EndToEnd.withClient(first) { client in
                let me = try await AccountsService.Client(transport: client).whoAmI(WhoAmIRequest())
                #expect(me.id == "admin")
                #expect(me.role == .admin)
                #expect(me.clientCertificateFingerprints == [admin.sha256Fingerprint])
                return try await CertificatesService.Client(transport: client).uploadCertificate(
                    UploadCertificateRequest(
                        name: "persist", certificate: Array(leaf.certificatePEM.utf8),
                        privateKey: Array(leaf.keyPEM.utf8))
                ).certificate
            }
            #expect(await first.stop() == 0)

            let second = try await RunningCertd.start(dataDirectory: data)
            #expect(!second.standardOutput.contains("initialised"))
            for name in Self.privateFiles {
                #expect(FileManager.default.contents(atPath: data + "/" + name) == before[name], "\(name) changed")
            }
            try await EndToEnd.withClient(second) { client in
                let me = try await AccountsService.Client(transport: client).whoAmI(WhoAmIRequest())
                #expect(me.id == "admin")
                let downloaded = try await CertificatesService.Client(transport: client).downloadCertificate(
                    DownloadCertificateRequest(id: uploaded.id))
                #expect(downloaded.certificatePEM == leaf.certificatePEM)
                #expect(try PrivateKey(pem: downloaded.privateKeyPEM).pkcs8DER == PrivateKey(pem: leaf.keyPEM).pkcs8DER)
            }
            #expect(await second.stop() == 0)
        }
    }

    @Test("certd init initialises once; a second init and a later serve change nothing")
    func initIsIdempotent() async throws {
        try await withTemporaryDirectory(prefix: "certd-e2e") { parent in
            let data = parent + "/data"
            let binary = try RunningCertd.binaryPath()
            let first = try await EndToEnd.run(binary, ["init", "--data-dir", data])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("certd: initialised \(data)"))
            let caBefore = FileManager.default.contents(atPath: data + "/ca.pem")
            #expect(caBefore != nil)
            let second = try await EndToEnd.run(binary, ["init", "--data-dir", data])
            #expect(second.status == 0)
            #expect(second.stdout.contains("already initialised"))
            let certd = try await RunningCertd.start(dataDirectory: data)
            #expect(!certd.standardOutput.contains("initialised"))
            try await EndToEnd.withClient(certd) { client in
                let me = try await AccountsService.Client(transport: client).whoAmI(WhoAmIRequest())
                #expect(me.role == .admin)
            }
            #expect(await certd.stop() == 0)
            #expect(FileManager.default.contents(atPath: data + "/ca.pem") == caBefore)
        }
    }

    @Test("a bad setting is one line on stderr and exit status 2")
    func badConfigurationExitsTwo() async throws {
        try await withTemporaryDirectory(prefix: "certd-e2e") { parent in
            let binary = try RunningCertd.binaryPath()
            let badListen = try await EndToEnd.run(binary, ["serve", "--data-dir", parent, "--listen", "nowhere"])
            #expect(badListen.status == 2)
            #expect(badListen.stderr.split(separator: "\n").count == 1)
            #expect(badListen.stderr.contains("invalid listen address 'nowhere'"))
            let badLevel = try await EndToEnd.run(binary, ["--data-dir", parent, "--log-level", "loud"])
            #expect(badLevel.status == 2)
            #expect(badLevel.stderr.contains("log-level"))
            let unknownFlag = try await EndToEnd.run(binary, ["serve", "--no-such-flag"])
            #expect(unknownFlag.status == 2)
            #expect(!FileManager.default.fileExists(atPath: parent + "/ca.pem"), "nothing is initialised on bad config")
            let version = try await EndToEnd.run(binary, ["version"])
            #expect(version.status == 0)
            #expect(version.stdout.hasPrefix("certd "))
        }
    }

    @Test("SIGTERM during a burst of uploads drains; every acknowledged upload is there after restart")
    func sigtermDuringUploadsLosesNothingAcknowledged() async throws {
        try await withTemporaryDirectory(prefix: "certd-e2e") { parent in
            let data = parent + "/data"
            let certd = try await RunningCertd.start(dataDirectory: data)
            let leaf = try EndToEnd.makeLeaf(commonName: "burst.example")
            let acknowledged = Acknowledged()
            let client = try RPCClient(
                configuration: RPCClientConfiguration(host: "127.0.0.1", port: certd.port, tls: certd.adminTLS()))
            let certificates = CertificatesService.Client(transport: client)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        var n = 0
                        while true {
                            let request = UploadCertificateRequest(
                                name: "burst-\(worker)-\(n)", certificate: Array(leaf.certificatePEM.utf8),
                                privateKey: Array(leaf.keyPEM.utf8))
                            n += 1
                            do {
                                let response = try await certificates.uploadCertificate(request)
                                acknowledged.ids.withLock { $0.append(response.certificate.id) }
                            } catch {
                                return  // the server is draining or gone; stop this worker
                            }
                        }
                    }
                }
                while acknowledged.ids.withLock({ $0.count }) < 40 {
                    try await Task.sleep(for: .milliseconds(10))
                }
                certd.signal(SIGTERM)
                try await group.waitForAll()
            }
            await client.close()
            let status = await certd.waitForExit()
            #expect(status == 0, "stderr:\n\(certd.standardError)")
            let ids = acknowledged.ids.withLock { $0 }
            #expect(ids.count >= 40)

            let restarted = try await RunningCertd.start(dataDirectory: data)
            try await EndToEnd.withClient(restarted) { client in
                var stored: Set<String> = []
                var token = ""
                repeat {
                    let page = try await CertificatesService.Client(transport: client).listCertificates(
                        ListCertificatesRequest(limit: 500, pageToken: token))
                    stored.formUnion(page.certificates.map(\.id))
                    token = page.nextPageToken
                } while !token.isEmpty
                let missing = Set(ids).subtracting(stored)
                #expect(missing.isEmpty, "acknowledged but missing after restart: \(missing.sorted())")
            }
            #expect(await restarted.stop() == 0)
        }
    }
}

/// Upload ids the server acknowledged, appended by concurrent workers.
final class Acknowledged: Sendable {
    let ids = Mutex<[String]>([])
}
