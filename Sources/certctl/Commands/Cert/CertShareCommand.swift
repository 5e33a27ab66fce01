import ArgumentParser
import CertAPI

/// `certctl cert share ID --to ACCOUNT`: shares an official certificate with another account.
///
/// Isolation: runs on the command's task.
struct CertShareCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "share",
        abstract: "Share an official certificate with another account of the same verified identity and site.",
        discussion: "The recipient can use and deploy it but not download it or its key; a certificate is shared once."
    )

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "The entry id.")
    var id: String

    @Option(name: .customLong("to"), help: ArgumentHelp("The recipient's account id.", valueName: "account"))
    var recipient: String

    func run() async throws {
        let request = ShareCertificateRequest(id: self.id, recipientAccountID: self.recipient)
        let share = try await CertdConnection.with(self.global) { connection in
            try await connection.sharing.share(request, options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(CertificateShareJSON(share))
        } else {
            Console.print(
                "shared \(share.certificateID) with \(share.recipientAccountID) as \(share.recipientCertificateID)")
        }
    }
}
