import ArgumentParser
import CertAPI

/// `certctl notify enable CERT...`: notifications on (one quota unit each; all or nothing).
///
/// Isolation: runs on the command's task.
struct NotifyEnableCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable", abstract: "Turn expiry notifications on (one quota unit per certificate).")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "Certificate ids.")
    var ids: [String]

    func run() async throws {
        try await NotificationSwitch.run(ids: self.ids, enabled: true, global: self.global)
    }
}
