import ArgumentParser
import CertAPI

/// `certctl csr delete ID`: deletes a CSR and the key certd holds for it, after a confirmation
/// (or `--yes`).
///
/// Isolation: runs on the command's task.
struct CSRDeleteCommand: CertctlCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a CSR and its key.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "The CSR id.")
    var id: String

    @Flag(name: [.customShort("y"), .long], help: "Delete without asking.")
    var yes = false

    func run() async throws {
        let id = self.id
        if !self.yes {
            try Confirmation.ask("Delete \(id) and the key certd holds for it?")
        }
        let response = try await CertdConnection.with(self.global) { connection in
            try await connection.csrs.deleteCSR(DeleteCSRRequest(id: id), options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(["deleted": response.id])
        } else {
            Console.print("deleted \(response.id)")
        }
    }
}
