import ArgumentParser
import CertAPI

/// `certctl pca reissue ID`: same CA, subject, SANs and term, a new key; a synced entry keeps its id.
///
/// Isolation: runs on the command's task.
struct PCAReissueCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(
        commandName: "reissue", abstract: "Re-issue a certificate with a new key (updates its inventory entry).")

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Argument(help: "The certificate id.")
    var id: String

    func run() async throws {
        let request = ReissuePCACertificateRequest(id: self.id)
        let certificate = try await CertdConnection.with(self.global) { connection in
            try await connection.privateCA.reissueCertificate(request, options: connection.callOptions)
        }
        try PCAText.printCertificate(certificate, json: self.global.json)
    }
}
