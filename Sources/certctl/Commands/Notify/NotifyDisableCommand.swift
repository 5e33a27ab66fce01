import ArgumentParser
import CertAPI

/// `certctl notify disable CERT...`: notifications off (frees the units).
struct NotifyDisableCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Turn expiry notifications off (frees their quota units).")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "Certificate ids.")
    var ids: [String]

    func run() async throws {
        try await NotificationSwitch.run(ids: self.ids, enabled: false, global: self.global)
    }
}
