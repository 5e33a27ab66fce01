import CertAPI

/// The JSON of `certctl tasks --json`: counts and ids per task, quota, and the snooze end (ISO 8601)
/// or null.
///
/// Invariant: field names never change; new fields may be added.
/// Isolation: a plain value.
struct PendingTasksJSON: Encodable {
    var notificationsOff: UInt64
    var notificationsOffIds: [String]
    var quotaRemaining: UInt64
    var quotaRequired: UInt64
    var quotaMissing: UInt64
    var notDeployed: UInt64
    var notDeployedIds: [String]
    var needsRenewal: UInt64
    var needsRenewalIds: [String]
    var snoozedUntil: String?

    init(_ tasks: PendingTasks) {
        self.notificationsOff = tasks.notificationsOff
        self.notificationsOffIds = tasks.notificationsOffIds
        self.quotaRemaining = tasks.quotaRemaining
        self.quotaRequired = tasks.quotaRequired
        self.quotaMissing = tasks.quotaMissing
        self.notDeployed = tasks.notDeployed
        self.notDeployedIds = tasks.notDeployedIds
        self.needsRenewal = tasks.needsRenewal
        self.needsRenewalIds = tasks.needsRenewalIds
        self.snoozedUntil = tasks.snoozedUntil?.iso8601
    }

    func encode(to encoder: any Encoder) throws {
        enum Keys: String, CodingKey {
            case notificationsOff, notificationsOffIds, quotaRemaining, quotaRequired, quotaMissing, notDeployed
            case notDeployedIds, needsRenewal, needsRenewalIds, snoozedUntil
        }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(self.notificationsOff, forKey: .notificationsOff)
        try container.encode(self.notificationsOffIds, forKey: .notificationsOffIds)
        try container.encode(self.quotaRemaining, forKey: .quotaRemaining)
        try container.encode(self.quotaRequired, forKey: .quotaRequired)
        try container.encode(self.quotaMissing, forKey: .quotaMissing)
        try container.encode(self.notDeployed, forKey: .notDeployed)
        try container.encode(self.notDeployedIds, forKey: .notDeployedIds)
        try container.encode(self.needsRenewal, forKey: .needsRenewal)
        try container.encode(self.needsRenewalIds, forKey: .needsRenewalIds)
        try container.encode(self.snoozedUntil, forKey: .snoozedUntil)
    }
}
