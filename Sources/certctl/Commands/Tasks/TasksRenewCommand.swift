import ArgumentParser
import CertAPI

/// `certctl tasks renew ID...`.
struct TasksRenewCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "renew",
        abstract: "Renew certificates in one step (official and private-CA ones; uploaded ones: cert replace).")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "Certificate ids.")
    var ids: [String]

    func run() async throws {
        let request = RenewTaskRequest(ids: self.ids)
        let response = try await CertdConnection.with(self.global) { connection in
            try await connection.tasks.renew(request, options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(response.certificates.map(CertificateJSON.init))
        } else {
            for certificate in response.certificates {
                Console.print("renewed \(certificate.id) until \(certificate.details.notAfter.iso8601)")
            }
        }
    }
}
