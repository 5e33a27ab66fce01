import ArgumentParser
import CertAPI

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
