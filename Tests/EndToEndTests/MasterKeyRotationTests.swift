import CertAPI
import CertCrypto
import CertTestSupport
import Foundation
import Testing

/// `certd rotate-master-key` against a real data directory: keys survive, the key file changes,
/// a running server blocks it, and an interrupted rotation is finished safely.
@Suite("master-key rotation")
struct MasterKeyRotationTests {
    private static func rotate(_ dataDirectory: String) async throws -> (status: Int32, stdout: String, stderr: String)
    {
        try await EndToEnd.run(RunningCertd.binaryPath(), ["rotate-master-key", "--data-dir", dataDirectory])
    }

    /// Uploads a certificate with its key and returns its id and the key's PKCS#8 DER.
    private static func uploadOne(_ certd: RunningCertd) async throws -> (id: String, keyDER: [UInt8]) {
        let leaf = try EndToEnd.makeLeaf(commonName: "rotate.example")
        let id = try await EndToEnd.withClient(certd) { client in
            try await CertificatesService.Client(transport: client).uploadCertificate(
                UploadCertificateRequest(
                    name: "rotate", certificate: Array(leaf.certificatePEM.utf8), privateKey: Array(leaf.keyPEM.utf8))
            ).certificate.id
        }
        return (id, try PrivateKey(pem: leaf.keyPEM).pkcs8DER)
    }

    private static func downloadedKeyDER(_ certd: RunningCertd, id: String) async throws -> [UInt8] {
        try await EndToEnd.withClient(certd) { client in
            let download = try await CertificatesService.Client(transport: client).downloadCertificate(
                DownloadCertificateRequest(id: id))
            return try PrivateKey(pem: download.privateKeyPEM).pkcs8DER
        }
    }

    @Test("keys stay readable under the new key; the key file changes; a running server blocks rotation")
    func rotationKeepsKeysAndChangesTheKeyFile() async throws {
        try await withTemporaryDirectory(prefix: "certd-rotate") { parent in
            let data = parent + "/data"
            var certd = try await RunningCertd.start(dataDirectory: data)
            let uploaded = try await Self.uploadOne(certd)

            let whileRunning = try await Self.rotate(data)
            #expect(whileRunning.status == 1)
            #expect(whileRunning.stderr.contains("another certd is using"))
            #expect(await certd.stop() == 0)

            let keyFile = data + "/master.key"
            let before = try #require(FileManager.default.contents(atPath: keyFile))
            let rotated = try await Self.rotate(data)
            #expect(rotated.status == 0, "\(rotated.stderr)")
            // The uploaded key and the two default official CA keys (issue 6), which certd opens again
            // on the restart below.
            #expect(rotated.stdout.contains("re-sealed 3 private keys"))
            let after = try #require(FileManager.default.contents(atPath: keyFile))
            #expect(after.count == 32)
            #expect(after != before)
            let mode = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            #expect(!FileManager.default.fileExists(atPath: keyFile + ".next"))

            certd = try await RunningCertd.start(dataDirectory: data)
            #expect(try await Self.downloadedKeyDER(certd, id: uploaded.id) == uploaded.keyDER)
            #expect(await certd.stop() == 0)
        }
    }

    @Test("a leftover .next key blocks serving until a rotation sorts it out")
    func interruptedRotationIsFinishedByTheNextRotation() async throws {
        try await withTemporaryDirectory(prefix: "certd-rotate") { parent in
            let data = parent + "/data"
            var certd = try await RunningCertd.start(dataDirectory: data)
            let uploaded = try await Self.uploadOne(certd)
            #expect(await certd.stop() == 0)

            // A crash after writing .next but before re-sealing: the store still uses master.key.
            let next = data + "/master.key.next"
            #expect(FileManager.default.createFile(atPath: next, contents: Data(try MasterKey.generate().bytes)))
            await #expect(throws: RunningCertdError.self) { _ = try await RunningCertd.start(dataDirectory: data) }

            let rotated = try await Self.rotate(data)
            #expect(rotated.status == 0, "\(rotated.stderr)")
            #expect(!FileManager.default.fileExists(atPath: next))
            certd = try await RunningCertd.start(dataDirectory: data)
            #expect(try await Self.downloadedKeyDER(certd, id: uploaded.id) == uploaded.keyDER)
            #expect(await certd.stop() == 0)
        }
    }
}
