import ArgumentParser
import CertAPI

/// `certctl cert deployments ID`: where a certificate is deployed, verified or not, outdated or not.
///
/// Isolation: runs on the command's task.
struct CertDeploymentsCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "deployments", abstract: "Show where a certificate is deployed.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "The certificate id.")
    var id: String

    func run() async throws {
        let id = self.id
        let status = try await CertdConnection.with(self.global) { connection in
            try await connection.deployments.deploymentStatus(
                DeploymentStatusRequest(certificateID: id), options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(CertificateDeploymentsJSON(status))
            return
        }
        if status.deployments.isEmpty {
            Console.print("\(status.certificateID) is not deployed")
        } else {
            var table = TextTable(headers: ["target", "name", "deployed", "current", "verification"])
            for item in status.deployments {
                table.rows.append([
                    item.targetID, item.targetName.isEmpty ? "(deleted)" : item.targetName, item.deployedAt.iso8601,
                    item.outdated ? "outdated" : "yes", DeploymentText.verification(item.verification),
                ])
            }
            Console.print(table.render())
        }
        if let job = status.latestJob { Console.print("latest job: " + DeploymentText.progress(job)) }
    }
}
