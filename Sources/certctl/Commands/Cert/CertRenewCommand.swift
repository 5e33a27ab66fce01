import ArgumentParser
import CertAPI

/// `certctl cert renew ID`: re-issues an official certificate in place (new key, same domains).
///
/// Isolation: runs on the command's task.
struct CertRenewCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "renew",
        abstract: "Renew an official certificate: new key, same domains and entry id.",
        discussion:
            "Uploaded certificates cannot be renewed by certd; upload the successor with `certctl cert replace`."
    )

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "The entry id.")
    var id: String

    func run() async throws {
        let request = RenewOfficialCertificateRequest(id: self.id)
        let certificate = try await CertdConnection.with(self.global) { connection in
            try await connection.official.renew(request, options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(CertificateJSON(certificate))
        } else {
            Console.print(CertificateText.block(certificate))
        }
    }
}
