public import Foundation

/// One due expiry notification for one certificate on one channel: what the scheduler sends.
///
/// Role: produced by ``ExpiryNotifications/dueNotices()``, handed to an ``ExpiryNoticeDelivering``,
/// then recorded with ``ExpiryNotifications/recordDelivery(_:error:)``.
/// Invariant: `leadTimeDays` is the smallest of the account's lead times the certificate is within
/// (so a certificate crossing from 60 to 30 days gets a new notice, and only one at a time).
/// Isolation: a value type.
public struct ExpiryNotice: Sendable, Equatable {
    public var accountID: AccountID
    public var certificateID: CertificateID
    public var name: String
    public var commonName: String
    public var fingerprintSHA256: String
    public var notAfter: Date
    /// Whole days until `notAfter` (negative once expired), rounded down.
    public var daysLeft: Int
    public var leadTimeDays: Int
    public var status: CertificateStatus
    public var channel: NotificationChannel
    /// The channel's address(es): the webhook URL or the email recipients.
    public var destinations: [String]
    /// When the scheduler found it due.
    public var dueAt: Date

    public init(
        accountID: AccountID, certificateID: CertificateID, name: String, commonName: String,
        fingerprintSHA256: String, notAfter: Date, daysLeft: Int, leadTimeDays: Int, status: CertificateStatus,
        channel: NotificationChannel, destinations: [String], dueAt: Date
    ) {
        self.accountID = accountID
        self.certificateID = certificateID
        self.name = name
        self.commonName = commonName
        self.fingerprintSHA256 = fingerprintSHA256
        self.notAfter = notAfter
        self.daysLeft = daysLeft
        self.leadTimeDays = leadTimeDays
        self.status = status
        self.channel = channel
        self.destinations = destinations
        self.dueAt = dueAt
    }

    /// The delivery record's key: `"<certificateID>/<leadTimeDays>/<channel>"`.
    var deliveryKey: String { "\(self.certificateID.rawValue)/\(self.leadTimeDays)/\(self.channel.rawValue)" }
}
