import ArgumentParser
import CertAPI

/// `certctl account whoami`: the account the client certificate authenticates as.
///
/// Isolation: runs on the command's task.
struct AccountWhoAmICommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami", abstract: "Show the account of the client certificate.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    func run() async throws {
        let account = try await CertdConnection.with(self.global) { connection in
            try await connection.accounts.whoAmI(WhoAmIRequest(), options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(AccountJSON(account))
        } else {
            Console.print(AccountText.block(account))
        }
    }
}
