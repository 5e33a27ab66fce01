/// A way a notice reaches people. Stored by `rawValue` in delivery records; append-only.
public enum NotificationChannel: String, Sendable, Hashable, CaseIterable, Codable {
    /// A JSON POST to the account's webhook URL.
    case webhook
    /// An email through the server's SMTP relay to the account's recipients.
    case email
}
