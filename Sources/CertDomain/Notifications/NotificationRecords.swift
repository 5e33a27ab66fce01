import Foundation

// The small JSON documents the notification feature keeps. They are private to this feature and
// only meaningful together, so they share this file (each one is a few fields).

extension DocumentCollection {
    /// ``NotificationSettings`` per account, keyed `"<accountID>"`.
    static let notificationSettings = DocumentCollection("notify.settings")
    /// ``QuotaRecord`` per account, keyed `"<accountID>"`.
    static let notificationQuota = DocumentCollection("notify.quota")
    /// ``SwitchRecord`` per certificate with notifications on, keyed `"<accountID>/<certificateID>"`
    /// (absent = off), so one account's switches are one prefix scan.
    static let notificationSwitches = DocumentCollection("notify.enabled")
    /// ``DeliveryRecord`` per certificate, lead time and channel, keyed
    /// `"<certificateID>/<leadTimeDays>/<channel>"`: when that notice was last sent or tried.
    static let notificationDeliveries = DocumentCollection("notify.delivery")
    /// ``SnoozeRecord`` per account, keyed `"<accountID>"`.
    static let taskSnoozes = DocumentCollection("tasks.snooze")
}

/// Units an admin granted to one account.
struct QuotaRecord: Codable, Sendable {
    var units: Int
}

/// Marks notifications on for one certificate.
struct SwitchRecord: Codable, Sendable {
    var certificateID: String
    var enabledAt: Date
}

/// The last send or attempt of one notice (certificate, lead time, channel).
///
/// Invariant: a record whose `fingerprintSHA256` differs from the entry's current one is stale (the
/// certificate was replaced or renewed) and counts as never sent.
struct DeliveryRecord: Codable, Sendable {
    var fingerprintSHA256: String
    var lastSentAt: Date?
    /// Failed attempts since the last success.
    var failedAttempts: Int = 0
    var lastAttemptAt: Date?
    var lastError: String = ""

    /// When the next attempt after a failure may be made: `lastAttemptAt + base * 2^(k-1)` (capped)
    /// after the k-th consecutive failure. Nil when the last attempt succeeded, or when the
    /// attempts ran out (then the repeat interval rules, see ``ExpiryNotifications/dueNotices()``).
    var nextRetryAt: Date? {
        guard self.failedAttempts > 0, self.failedAttempts < ExpiryNotifications.maximumAttempts,
            let tried = self.lastAttemptAt
        else { return nil }
        let exponent = Double(min(self.failedAttempts - 1, 30))
        let delay = min(ExpiryNotifications.retryBaseDelay * pow(2, exponent), ExpiryNotifications.retryMaximumDelay)
        return tried.addingTimeInterval(delay)
    }
}

/// Until when the pending-tasks reminder stays quiet.
struct SnoozeRecord: Codable, Sendable {
    var until: Date
}
