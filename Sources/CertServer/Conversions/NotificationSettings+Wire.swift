import CertAPI
import CertDomain
import Foundation

extension CertDomain.NotificationSettings {
    /// The wire form.
    var wire: CertAPI.NotificationSettings {
        CertAPI.NotificationSettings(
            leadTimeDays: self.leadTimeDays.map { UInt32(clamping: $0) },
            repeatIntervalSeconds: UInt64(self.repeatInterval),
            webhookURL: self.webhookURL,
            emailRecipients: self.emailRecipients
        )
    }

    /// The domain form of wire settings (validated by the domain).
    init(_ wire: CertAPI.NotificationSettings) {
        self.init(
            leadTimeDays: wire.leadTimeDays.map { Int($0) },
            repeatInterval: TimeInterval(min(wire.repeatIntervalSeconds, 1 << 40)),
            webhookURL: wire.webhookURL,
            emailRecipients: wire.emailRecipients
        )
    }
}

extension CertDomain.NotificationQuota {
    /// The wire form.
    var wire: CertAPI.NotificationQuota {
        CertAPI.NotificationQuota(
            accountId: self.accountID.rawValue,
            units: UInt64(clamping: self.units),
            used: UInt64(clamping: self.used),
            remaining: UInt64(clamping: self.remaining),
            required: UInt64(clamping: self.required)
        )
    }
}
