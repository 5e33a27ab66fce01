import ArgumentParser
import CertAPI
import Foundation

/// `certctl cert delete ID`: deletes an entry for good, after a confirmation (or `--yes`).
///
/// Role: refuses to delete without `--yes` when stdin is not a terminal (exit 2), so that a
/// script never deletes by accident.
/// Isolation: runs on the command's task.
struct CertDeleteCommand: CertctlCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a certificate entry.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "The entry id.")
    var id: String

    @Flag(name: [.customShort("y"), .long], help: "Delete without asking.")
    var yes = false

    func run() async throws {
        let id = self.id
        let confirmed = self.yes
        if !confirmed { try Confirmation.requireTerminal() }
        let response = try await CertdConnection.with(self.global) { connection in
            if !confirmed {
                // Show what would go, so the question is about a name, not an opaque id.
                let entry = try await connection.certificates.getCertificate(
                    GetCertificateRequest(id: id), options: connection.callOptions)
                try Confirmation.ask("Delete \(entry.id) (\(entry.name), \(entry.details.commonName))?")
            }
            return try await connection.certificates.deleteCertificate(
                DeleteCertificateRequest(id: id), options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(["deleted": response.id])
        } else {
            Console.print("deleted \(response.id)")
        }
    }
}
