import CertAPI

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
