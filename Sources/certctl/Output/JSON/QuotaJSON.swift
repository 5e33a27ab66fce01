import CertAPI

/// The JSON of a notification quota (`quota get`, `quota add`, and after switching notifications).
struct QuotaJSON: Encodable {
    var accountId: String
    var units: UInt64
    var used: UInt64
    var remaining: UInt64
    var required: UInt64

    init(_ quota: NotificationQuota) {
        self.accountId = quota.accountId
        self.units = quota.units
        self.used = quota.used
        self.remaining = quota.remaining
        self.required = quota.required
    }
}
