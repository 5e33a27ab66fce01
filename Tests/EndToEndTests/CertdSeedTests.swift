import CertAPI
import CertCrypto
import CertTestSupport
import Foundation
import Testing

/// `certd seed` against a real data directory: the entries it writes are served like uploads,
/// `--total` tops up instead of adding, and a running server blocks it.
@Suite("certd seed")
struct CertdSeedTests {
    private static func seed(_ dataDirectory: String, _ arguments: [String]) async throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        try await EndToEnd.run(RunningCertd.binaryPath(), ["seed", "--data-dir", dataDirectory] + arguments)
    }

    @Test("seeded certificates are listed, counted and downloadable with their key; --total tops up")
    func seededEntriesAreServed() async throws {
        try await withTemporaryDirectory(prefix: "certd-seed") { parent in
            let data = parent + "/data"
            let leaf = try EndToEnd.makeLeaf(commonName: "seed.example")
            try leaf.certificatePEM.write(toFile: parent + "/leaf.pem", atomically: true, encoding: .utf8)
            try leaf.keyPEM.write(toFile: parent + "/leaf.key", atomically: true, encoding: .utf8)
            let files = ["--certificate", parent + "/leaf.pem", "--key", parent + "/leaf.key"]

            let uninitialised = try await Self.seed(data, ["--count", "3"] + files)
            #expect(uninitialised.status == 1 && uninitialised.stderr.contains("certd init"))
            let initialised = try await EndToEnd.run(RunningCertd.binaryPath(), ["init", "--data-dir", data])
            #expect(initialised.status == 0, "\(initialised.stderr)")

            let first = try await Self.seed(data, ["--count", "25", "--batch", "10", "--name-prefix", "s-"] + files)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("SEEDED count=25 total=25 "), "\(first.stdout)")
            let topUp = try await Self.seed(data, ["--count", "30", "--total", "--name-prefix", "t-"] + files)
            #expect(topUp.stdout.contains("SEEDED count=5 total=30 "), "\(topUp.stdout) \(topUp.stderr)")
            let clash = try await Self.seed(data, ["--count", "2", "--name-prefix", "s-"] + files)
            #expect(clash.status == 1 && clash.stderr.contains("seeding stopped after 0"), "\(clash.stderr)")

            let certd = try await RunningCertd.start(dataDirectory: data)
            let whileRunning = try await Self.seed(data, ["--count", "1"] + files)
            #expect(whileRunning.status == 1 && whileRunning.stderr.contains("another certd is using"))
            try await EndToEnd.withClient(certd) { client in
                let certificates = CertificatesService.Client(transport: client)
                #expect(try await certificates.summary(CertificateSummaryRequest()).total == 30)
                var request = ListCertificatesRequest()
                request.limit = 100
                let page = try await certificates.listCertificates(request)
                #expect(Set(page.certificates.map(\.name)).count == 30)
                #expect(page.certificates.allSatisfy { $0.details.commonName == "seed.example" && $0.hasKey })
                let one = try #require(page.certificates.first { $0.name == "s-7" })
                let download = try await certificates.downloadCertificate(DownloadCertificateRequest(id: one.id))
                #expect(try PrivateKey(pem: download.privateKeyPEM).pkcs8DER == PrivateKey(pem: leaf.keyPEM).pkcs8DER)
            }
            #expect(await certd.stop() == 0)
        }
    }

    @Test("seed without a key for every certificate is a usage error")
    func unpairedFilesAreRefused() async throws {
        let run = try await Self.seed("/nonexistent", ["--count", "1", "--certificate", "a.pem"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--certificate FILE --key FILE"))
    }
}
