import ArgumentParser

/// `certctl account ...`: accounts and their client credentials (admins).
///
/// Isolation: a command namespace; runs nothing itself.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "Create and list accounts, issue client credentials.",
        subcommands: [
            AccountCreateCommand.self, AccountListCommand.self, AccountCredentialsCommand.self,
            AccountWhoAmICommand.self,
        ]
    )
}
