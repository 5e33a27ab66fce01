import ArgumentParser
import CertAPI

/// `certctl target list`: the caller's deployment targets.
///
/// Isolation: runs on the command's task.
struct TargetListCommand: CertctlCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List deployment targets.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    /// The JSON of `target list`.
    struct ListJSON: Encodable {
        var targets: [DeploymentTargetJSON]
    }

    func run() async throws {
        let targets = try await CertdConnection.with(self.global) { connection in
            try await connection.deployments.listTargets(ListTargetsRequest(), options: connection.callOptions).targets
        }
        if self.global.json {
            try Console.printJSON(ListJSON(targets: targets.map(DeploymentTargetJSON.init)))
        } else {
            Console.print(targets.isEmpty ? "no deployment targets" : DeploymentText.targets(targets))
        }
    }
}
