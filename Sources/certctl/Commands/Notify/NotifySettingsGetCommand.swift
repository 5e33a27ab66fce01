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

/// Output of notification settings (text block or JSON).
enum NotificationSettingsText {
    struct SettingsJSON: Encodable {
        var leadTimeDays: [UInt32]
        var repeatIntervalSeconds: UInt64
        var webhookURL: String
        var emailRecipients: [String]
    }

    static func print(_ settings: NotificationSettings, asJSON: Bool) {
        if asJSON {
            try? Console.printJSON(
                SettingsJSON(
                    leadTimeDays: settings.leadTimeDays, repeatIntervalSeconds: settings.repeatIntervalSeconds,
                    webhookURL: settings.webhookURL, emailRecipients: settings.emailRecipients))
            return
        }
        var block = KeyValueBlock()
        block.add("lead times", settings.leadTimeDays.map { "\($0) days" }.joined(separator: ", "))
        block.add("repeat every", "\(settings.repeatIntervalSeconds) s")
        block.add("webhook", settings.webhookURL.isEmpty ? "(none)" : settings.webhookURL)
        block.add(
            "email", settings.emailRecipients.isEmpty ? "(none)" : settings.emailRecipients.joined(separator: ", "))
        Console.print(block.render())
    }
}
