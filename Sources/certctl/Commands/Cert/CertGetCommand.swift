import ArgumentParser
import CertAPI

/// `certctl cert get ID`: one entry with every detail.
///
/// Isolation: runs on the command's task.
struct CertGetCommand: CertctlCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one certificate entry.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "The entry id, e.g. cert-0123456789abcdef.")
    var id: String

    func run() async throws {
        let request = GetCertificateRequest(id: self.id)
        let certificate = try await CertdConnection.with(self.global) { connection in
            try await connection.certificates.getCertificate(request, options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(CertificateJSON(certificate))
        } else {
            Console.print(CertificateText.block(certificate))
        }
    }
}
