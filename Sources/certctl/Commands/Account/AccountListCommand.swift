import ArgumentParser
import CertAPI

/// `certctl account list`: every account the caller may see (all pages).
///
/// Isolation: runs on the command's task.
struct AccountListCommand: CertctlCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List accounts.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    /// The JSON of `account list`.
    struct ListJSON: Encodable {
        var accounts: [AccountJSON]
    }

    func run() async throws {
        let accounts = try await CertdConnection.with(self.global) { connection in
            var accounts: [Account] = []
            var token = ""
            repeat {
                let page = try await connection.accounts.listAccounts(
                    ListAccountsRequest(limit: 1000, pageToken: token), options: connection.callOptions)
                accounts += page.accounts
                token = page.nextPageToken
            } while !token.isEmpty
            return accounts
        }
        if self.global.json {
            try Console.printJSON(ListJSON(accounts: accounts.map(AccountJSON.init)))
        } else {
            Console.print(accounts.isEmpty ? "no accounts" : AccountText.table(accounts))
        }
    }
}
