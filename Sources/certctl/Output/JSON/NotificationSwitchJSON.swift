import CertAPI

/// The JSON after turning notifications on or off: changed ids and the quota afterwards.
struct NotificationSwitchJSON: Encodable {
    var changedIds: [String]
    var quota: QuotaJSON

    init(_ response: SetCertificateNotificationsResponse) {
        self.changedIds = response.changedIds
        self.quota = QuotaJSON(response.quota)
    }
}
