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

/// `certctl quota add --account A --units N` (admins).
struct QuotaAddCommand: CertctlCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add quota units (admins).")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Option(help: "The account to grant units to.")
    var account: String

    @Option(help: "Units to add (1-1000000).")
    var units: UInt64

    func run() async throws {
        let request = AddNotificationQuotaRequest(accountId: self.account, units: self.units)
        let quota = try await CertdConnection.with(self.global) { connection in
            try await connection.notifications.addQuota(request, options: connection.callOptions)
        }
        QuotaText.print(quota, asJSON: self.global.json)
    }
}

/// Output of a quota.
enum QuotaText {
    static func print(_ quota: NotificationQuota, asJSON: Bool) {
        if asJSON {
            try? Console.printJSON(QuotaJSON(quota))
            return
        }
        var block = KeyValueBlock()
        block.add("account", quota.accountId)
        block.add("units", String(quota.units))
        block.add("used", String(quota.used))
        block.add("remaining", String(quota.remaining))
        block.add("required", String(quota.required))
        Console.print(block.render())
    }
}
