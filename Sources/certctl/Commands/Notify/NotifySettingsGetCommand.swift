import ArgumentParser
import CertAPI

/// `certctl notify settings get`.
///
/// Isolation: runs on the command's task.
struct NotifySettingsGetCommand: CertctlCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show notification settings.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    func run() async throws {
        let settings = try await CertdConnection.with(self.global) { connection in
            try await connection.notifications.getSettings(
                GetNotificationSettingsRequest(), options: connection.callOptions)
        }
        NotificationSettingsText.print(settings, asJSON: self.global.json)
    }
}
