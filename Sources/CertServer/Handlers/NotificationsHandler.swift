import CertAPI
import CertDomain
import CertWire

/// Answers the Notifications service by calling ``ExpiryNotifications``.
///
/// Role: translation only; quota checks, admin checks and auditing are the domain's.
/// Isolation: an immutable value.
struct NotificationsHandler: NotificationsService.Handler {
    let gateway: DomainGateway
    let notifications: ExpiryNotifications

    func getSettings(_ request: GetNotificationSettingsRequest, context: CallContext) async throws
        -> CertAPI.NotificationSettings
    {
        try await self.gateway.call(context, NotificationsService.Method.getSettings) { caller in
            try self.notifications.settings(caller).wire
        }
    }

    func setSettings(_ request: SetNotificationSettingsRequest, context: CallContext) async throws
        -> CertAPI.NotificationSettings
    {
        try await self.gateway.call(context, NotificationsService.Method.setSettings) { caller in
            try await self.notifications.setSettings(caller, CertDomain.NotificationSettings(request.settings)).wire
        }
    }

    func setCertificateNotifications(_ request: SetCertificateNotificationsRequest, context: CallContext)
        async throws -> SetCertificateNotificationsResponse
    {
        try await self.gateway.call(context, NotificationsService.Method.setCertificateNotifications) { caller in
            let result = try await self.notifications.setNotifications(
                caller, ids: request.ids.map(CertificateID.init(rawValue:)), enabled: request.enabled)
            return SetCertificateNotificationsResponse(
                changedIds: result.changed.map(\.rawValue), quota: result.quota.wire)
        }
    }

    func getQuota(_ request: GetNotificationQuotaRequest, context: CallContext) async throws
        -> CertAPI.NotificationQuota
    {
        try await self.gateway.call(context, NotificationsService.Method.getQuota) { caller in
            let account = request.accountId.isEmpty ? nil : AccountID(rawValue: request.accountId)
            return try self.notifications.quota(caller, account: account).wire
        }
    }

    func addQuota(_ request: AddNotificationQuotaRequest, context: CallContext) async throws
        -> CertAPI.NotificationQuota
    {
        try await self.gateway.call(context, NotificationsService.Method.addQuota) { caller in
            guard !request.accountId.isEmpty else {
                throw DomainError.invalidArgument(field: "accountId", detail: "name the account to add quota to")
            }
            return try await self.notifications.addQuota(
                caller, account: AccountID(rawValue: request.accountId), units: Int(clamping: request.units)
            ).wire
        }
    }
}
