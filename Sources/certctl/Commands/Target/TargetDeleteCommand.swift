import ArgumentParser
import CertAPI

/// `certctl target delete ID`: deletes a target (what was deployed there stays).
///
/// Isolation: runs on the command's task.
struct TargetDeleteCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a deployment target (deployed files stay where they are).")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "The target id.")
    var id: String

    func run() async throws {
        let id = self.id
        let response = try await CertdConnection.with(self.global) { connection in
            try await connection.deployments.deleteTarget(DeleteTargetRequest(id: id), options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(["deleted": response.id])
        } else {
            Console.print("deleted \(response.id)")
        }
    }
}
