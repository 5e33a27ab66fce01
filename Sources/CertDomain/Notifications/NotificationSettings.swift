public import Foundation

/// How and when one account is told about its expiring certificates.
///
/// Role: stored per account as a document (``DocumentCollection/notificationSettings``); read by the
/// scheduler to decide which notices are due and where they go.
/// Invariants (kept by ``validated()``): `leadTimeDays` is a non-empty, ascending subset of
/// ``selectableLeadTimes``; `repeatInterval` is at least 60 s; `webhookURL` is empty or an
/// `http://` or `https://` URL with a host; each email recipient has one `@` with text on both sides.
/// Isolation: a value type.
public struct NotificationSettings: Sendable, Equatable, Codable {
    /// Lead times an account may choose, in days.
    public static let selectableLeadTimes = [30, 60, 90]
    /// The default lead times: 30 days.
    public static let defaultLeadTimes = [30]
    /// The default repeat interval: one day.
    public static let defaultRepeatInterval: TimeInterval = 86_400

    /// Days before expiry at which a notice becomes due, ascending.
    public var leadTimeDays: [Int]
    /// Seconds between two sends of the same notice.
    public var repeatInterval: TimeInterval
    /// Where a JSON POST goes per notice; empty for none.
    public var webhookURL: String
    /// Who gets an email per notice; empty for none.
    public var emailRecipients: [String]

    public init(
        leadTimeDays: [Int] = NotificationSettings.defaultLeadTimes,
        repeatInterval: TimeInterval = NotificationSettings.defaultRepeatInterval,
        webhookURL: String = "",
        emailRecipients: [String] = []
    ) {
        self.leadTimeDays = leadTimeDays
        self.repeatInterval = repeatInterval
        self.webhookURL = webhookURL
        self.emailRecipients = emailRecipients
    }

    /// The channels these settings name, webhook first.
    public var channels: [NotificationChannel] {
        var channels: [NotificationChannel] = []
        if !self.webhookURL.isEmpty { channels.append(.webhook) }
        if !self.emailRecipients.isEmpty { channels.append(.email) }
        return channels
    }

    /// The settings with defaults filled in, checked.
    /// - Returns: a copy with sorted, de-duplicated lead times.
    /// - Throws: ``DomainError/invalidArgument(field:detail:)`` naming the bad field.
    public func validated() throws(DomainError) -> NotificationSettings {
        var result = self
        if result.leadTimeDays.isEmpty { result.leadTimeDays = Self.defaultLeadTimes }
        for days in result.leadTimeDays where !Self.selectableLeadTimes.contains(days) {
            throw .invalidArgument(field: "leadTimeDays", detail: "\(days) is not one of 30, 60 or 90")
        }
        result.leadTimeDays = Array(Set(result.leadTimeDays)).sorted()
        if result.repeatInterval == 0 { result.repeatInterval = Self.defaultRepeatInterval }
        guard result.repeatInterval >= 60, result.repeatInterval <= 365 * 86_400 else {
            throw .invalidArgument(
                field: "repeatIntervalSeconds", detail: "must be from 60 seconds to 365 days")
        }
        if !result.webhookURL.isEmpty {
            guard let url = URL(string: result.webhookURL), url.scheme == "http" || url.scheme == "https",
                url.host?.isEmpty == false
            else {
                throw .invalidArgument(field: "webhookURL", detail: "expected https://HOST[:PORT]/PATH or http://...")
            }
        }
        guard result.emailRecipients.count <= 20 else {
            throw .invalidArgument(field: "emailRecipients", detail: "at most 20 addresses")
        }
        for address in result.emailRecipients {
            let parts = address.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, address.utf8.count <= 254,
                !address.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
            else {
                throw .invalidArgument(field: "emailRecipients", detail: "\"\(address)\" is not an email address")
            }
        }
        return result
    }
}
