import CertAPI
import CertDomain
import CertWire

/// Answers the Tasks service by calling ``ExpiryNotifications``' pending-task operations.
///
/// Role: translation only.
/// Isolation: an immutable value.
struct TasksHandler: TasksService.Handler {
    let gateway: DomainGateway
    let notifications: ExpiryNotifications

    func listTasks(_ request: ListTasksRequest, context: CallContext) async throws -> CertAPI.PendingTasks {
        try await self.gateway.call(context, TasksService.Method.listTasks) { caller in
            let tasks = try self.notifications.pendingTasks(caller)
            return CertAPI.PendingTasks(
                notificationsOff: UInt64(tasks.notificationsOff.count),
                notificationsOffIds: tasks.notificationsOff.map(\.rawValue),
                quotaRemaining: UInt64(clamping: tasks.quotaRemaining),
                quotaRequired: UInt64(clamping: tasks.quotaRequired),
                quotaMissing: UInt64(clamping: tasks.quotaMissing),
                notDeployed: UInt64(tasks.notDeployed.count),
                notDeployedIds: tasks.notDeployed.map(\.rawValue),
                needsRenewal: UInt64(tasks.needsRenewal.count),
                needsRenewalIds: tasks.needsRenewal.map(\.rawValue),
                snoozedUntil: tasks.snoozedUntil.map(Timestamp.init)
            )
        }
    }

    func enableNotifications(_ request: EnableNotificationsTaskRequest, context: CallContext) async throws
        -> SetCertificateNotificationsResponse
    {
        try await self.gateway.call(context, TasksService.Method.enableNotifications) { caller in
            if request.all && !request.ids.isEmpty {
                throw DomainError.invalidArgument(field: "ids", detail: "give ids or all, not both")
            }
            let result = try await self.notifications.enableNotifications(
                caller, ids: request.all ? nil : request.ids.map(CertificateID.init(rawValue:)))
            return SetCertificateNotificationsResponse(
                changedIds: result.changed.map(\.rawValue), quota: result.quota.wire)
        }
    }

    func renew(_ request: RenewTaskRequest, context: CallContext) async throws -> RenewTaskResponse {
        try await self.gateway.call(context, TasksService.Method.renew) { caller in
            let entries = try await self.notifications.renew(
                caller, ids: request.ids.map(CertificateID.init(rawValue:)))
            let now = self.notifications.now()
            return RenewTaskResponse(certificates: entries.map { $0.wire(now: now, isDetailed: true) })
        }
    }

    func snooze(_ request: SnoozeTasksRequest, context: CallContext) async throws -> SnoozeTasksResponse {
        try await self.gateway.call(context, TasksService.Method.snooze) { caller in
            SnoozeTasksResponse(snoozedUntil: Timestamp(try await self.notifications.snoozeTasks(caller)))
        }
    }
}
