import ArgumentParser
import CertAPI

/// `certctl account create`: a new tenant (admins only).
///
/// Isolation: runs on the command's task.
struct AccountCreateCommand: CertctlCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an account (admins).")

    /// `--site` values.
    enum SiteArgument: String, ExpressibleByArgument, CaseIterable {
        case china, international
    }

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Option(help: "Account id: 1-64 characters from A-Z a-z 0-9 . _ -; never changes.")
    var id: String

    @Option(help: "Display name.")
    var name: String

    @Option(help: ArgumentHelp("Legal entity or person behind the account.", valueName: "legal name"))
    var identity: String

    @Flag(help: "The identity is a natural person (default: a legal entity).")
    var person = false

    @Flag(help: "The identity has been verified.")
    var verified = false

    @Option(help: "Where the account operates.")
    var site: SiteArgument

    @Flag(help: "Make the account an admin.")
    var admin = false

    func run() async throws {
        var request = CreateAccountRequest()
        request.id = self.id
        request.displayName = self.name
        request.identity = VerifiedIdentity(
            name: self.identity, kind: self.person ? .person : .legalEntity, verified: self.verified)
        request.site = self.site == .china ? .china : .international
        request.role = self.admin ? .admin : .user
        let account = try await CertdConnection.with(self.global) { connection in
            try await connection.accounts.createAccount(request, options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(AccountJSON(account))
        } else {
            Console.print("created account \(account.id)")
            Console.print(AccountText.block(account))
            Console.print("next: certctl account credentials \(account.id) --out DIR")
        }
    }
}
