import ArgumentParser
import CertAPI

/// `certctl quota get|add`: notification quota.
///
/// Isolation: a command namespace.
struct QuotaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quota", abstract: "Notification quota: one unit per certificate with notifications on.",
        subcommands: [QuotaGetCommand.self, QuotaAddCommand.self])
}

/// `certctl quota get [--account A]`.
struct QuotaGetCommand: CertctlCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a quota (admins: any account).")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Option(help: "Another account's quota (admins only); default: your own.")
    var account: String?

    func run() async throws {
        let request = GetNotificationQuotaRequest(accountId: self.account ?? "")
        let quota = try await CertdConnection.with(self.global) { connection in
            try await connection.notifications.getQuota(request, options: connection.callOptions)
        }
        QuotaText.print(quota, asJSON: self.global.json)
    }
}
