import ArgumentParser
import CertAPI

/// `certctl pca cert get ID`: one certificate with its PEM.
///
/// Isolation: runs on the command's task.
struct PCACertGetCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one certificate.")

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Argument(help: "The certificate id, e.g. pcacert-0123456789abcdef.")
    var id: String

    func run() async throws {
        let request = GetPCACertificateRequest(id: self.id)
        let certificate = try await CertdConnection.with(self.global) { connection in
            try await connection.privateCA.getCertificate(request, options: connection.callOptions)
        }
        try PCAText.printCertificate(certificate, json: self.global.json)
    }
}
