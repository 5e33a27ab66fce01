import CertAPI
import CertWire
import Foundation
import Synchronization

/// The calls of each scenario against one connected certd, with the data they need: seeded
/// certificate ids (get, download) and pre-generated certificate + key PEM pairs (upload).
///
/// Invariants: `ids` is non-empty when a scenario that needs ids runs; `pairs` is non-empty.
/// Upload names are `certload-<runTag>-<sequence>`, unique within a run since sequences are.
/// Isolation: `Sendable`; the clients are `Sendable` and the rest is immutable.
struct ScenarioWorkload: Sendable {
    let certificates: CertificatesService.Client
    let echo: EchoService.Client
    let ids: [String]
    let pairs: [PEMPair]
    let runTag: String

    /// Makes one call of `scenario` (never `.mixed`).
    /// - Throws: the call's `RPCError`, or `RPCError(.internal)` when an answer is malformed.
    func perform(_ scenario: LoadScenario, sequence: Int) async throws {
        switch scenario {
        case .echo:
            let response = try await self.echo.echo(
                EchoRequest(payload: [UInt8](repeating: 0x30, count: 64), responseSize: 2048))
            guard response.payload.count == 2048 else { throw RPCError(.internal, "short echo response") }
        case .get:
            let id = self.ids[SequenceDraw.value(sequence, below: self.ids.count)]
            let certificate = try await self.certificates.getCertificate(GetCertificateRequest(id: id))
            guard certificate.id == id else { throw RPCError(.internal, "get returned \(certificate.id)") }
        case .list:
            var request = ListCertificatesRequest()
            request.source = .uploaded
            request.limit = 20
            let page = try await self.certificates.listCertificates(request)
            guard !page.certificates.isEmpty || self.ids.isEmpty else { throw RPCError(.internal, "empty page") }
        case .upload:
            let pair = self.pairs[sequence % self.pairs.count]
            _ = try await self.certificates.uploadCertificate(
                UploadCertificateRequest(
                    name: "certload-\(self.runTag)-\(sequence)", certificate: pair.certificate,
                    privateKey: pair.privateKey))
        case .download:
            let id = self.ids[SequenceDraw.value(sequence, below: self.ids.count)]
            let response = try await self.certificates.downloadCertificate(
                DownloadCertificateRequest(id: id, format: .pem))
            _ = response
        case .mixed:
            preconditionFailure("mixed is resolved to a concrete scenario before a call")
        }
    }

    /// Makes sure the account holds at least `count` certificates (uploading the missing ones
    /// under distinct names, `parallel` at a time), then returns up to `min(max(count, 1000), maxIDs)`
    /// ids (the first ones in expiry order). An existing data set of `count` or more is reused as it is.
    /// The cap keeps a million-entry data set from being listed whole, which would also map every
    /// record into the server's memory before the run.
    /// - Throws: the first failed call's `RPCError`.
    static func seed(
        count: Int, certificates: CertificatesService.Client, pairs: [PEMPair], runTag: String, parallel: Int = 16,
        maxIDs: Int = 100_000
    ) async throws -> (ids: [String], uploaded: Int) {
        let existing = Int(try await certificates.summary(CertificateSummaryRequest()).total)
        let missing = max(0, count - existing)
        if missing > 0 {
            let cursor = SeedCursor()
            try await withThrowingDiscardingTaskGroup { group in
                for _ in 0..<min(parallel, missing) {
                    group.addTask {
                        while true {
                            let index = cursor.next.add(1, ordering: .relaxed).oldValue
                            if index >= missing { return }
                            let pair = pairs[index % pairs.count]
                            _ = try await certificates.uploadCertificate(
                                UploadCertificateRequest(
                                    name: "certload-seed-\(runTag)-\(index)", certificate: pair.certificate,
                                    privateKey: pair.privateKey))
                        }
                    }
                }
            }
        }
        var ids: [String] = []
        var request = ListCertificatesRequest()
        request.limit = 1000
        let wanted = min(max(count, 1000), max(maxIDs, 1))
        while ids.count < wanted {
            let page = try await certificates.listCertificates(request)
            ids += page.certificates.map(\.id)
            if page.nextPageToken.isEmpty { break }
            request.pageToken = page.nextPageToken
        }
        return (ids, missing)
    }
}

/// The next seed index, shared by the seeding tasks.
/// Isolation: `Sendable` through the atomic.
private final class SeedCursor: Sendable {
    let next = Atomic<Int>(0)
}
