import ArgumentParser
import CertAPI

/// `certctl notify settings set`: changes the given settings, keeps the others.
///
/// Isolation: runs on the command's task.
struct NotifySettingsSetCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Change notification settings (unnamed settings stay as they are).")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Option(
        name: .customLong("lead-time"),
        help: ArgumentHelp("Days before expiry to notify: 30, 60 or 90; repeat for several.", valueName: "days"))
    var leadTimes: [UInt32] = []

    @Option(help: ArgumentHelp("Seconds between repeats of the same notice (at least 60).", valueName: "seconds"))
    var repeatInterval: UInt64?

    @Option(
        help: ArgumentHelp(
            "https:// (or http://) URL receiving a JSON POST per notice; \"\" removes it.", valueName: "url"))
    var webhook: String?

    @Option(help: ArgumentHelp("Email recipient; repeat for several.", valueName: "address"))
    var email: [String] = []

    @Flag(help: "Remove every email recipient.")
    var noEmail = false

    func validate() throws {
        if self.noEmail && !self.email.isEmpty { throw ValidationError("--no-email cannot be combined with --email.") }
        if self.leadTimes.isEmpty && self.repeatInterval == nil && self.webhook == nil && self.email.isEmpty
            && !self.noEmail
        {
            throw ValidationError("Name at least one setting to change (see --help).")
        }
    }

    func run() async throws {
        let command = self
        let settings = try await CertdConnection.with(self.global) { connection in
            var settings = try await connection.notifications.getSettings(
                GetNotificationSettingsRequest(), options: connection.callOptions)
            if !command.leadTimes.isEmpty { settings.leadTimeDays = command.leadTimes }
            if let interval = command.repeatInterval { settings.repeatIntervalSeconds = interval }
            if let webhook = command.webhook { settings.webhookURL = webhook }
            if !command.email.isEmpty { settings.emailRecipients = command.email }
            if command.noEmail { settings.emailRecipients = [] }
            return try await connection.notifications.setSettings(
                SetNotificationSettingsRequest(settings: settings), options: connection.callOptions)
        }
        NotificationSettingsText.print(settings, asJSON: self.global.json)
    }
}
