public import Foundation

/// What needs attention in one account, with counts and ids (issue 7, "Pending tasks").
///
/// Role: the answer of ``ExpiryNotifications/pendingTasks(_:)``; `certctl tasks` prints it and
/// `certctl cert list` prints a reminder from it unless snoozed.
/// Invariants: the id lists are in expiry order (soonest first); `quotaRequired ==
/// notificationsOff.count`; `needsRenewal` holds entries expired or within the account's longest
/// lead time.
/// Isolation: a value type.
public struct PendingTasks: Sendable, Equatable {
    public var notificationsOff: [CertificateID]
    public var quotaRemaining: Int
    public var quotaRequired: Int
    public var notDeployed: [CertificateID]
    public var needsRenewal: [CertificateID]
    /// Set while the reminder is snoozed.
    public var snoozedUntil: Date?

    public init(
        notificationsOff: [CertificateID] = [], quotaRemaining: Int = 0, quotaRequired: Int = 0,
        notDeployed: [CertificateID] = [], needsRenewal: [CertificateID] = [], snoozedUntil: Date? = nil
    ) {
        self.notificationsOff = notificationsOff
        self.quotaRemaining = quotaRemaining
        self.quotaRequired = quotaRequired
        self.notDeployed = notDeployed
        self.needsRenewal = needsRenewal
        self.snoozedUntil = snoozedUntil
    }

    /// Units missing to turn on every certificate with notifications off.
    public var quotaMissing: Int { max(0, self.quotaRequired - self.quotaRemaining) }
}
