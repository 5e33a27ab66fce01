public import CertDomain
public import Logging
public import ServiceLifecycle

/// The scheduler inside certd that sends due expiry notices: a `ServiceLifecycle.Service`.
///
/// Role: every `interval` it asks ``ExpiryNotifications/runDueNotices(deliverer:)`` to send what is
/// due (which delivers up to ``ExpiryNotifications/deliveryConcurrency`` at once, records and
/// audits each attempt, and retries failed ones on later checks after an exponential backoff).
/// Invariants: checks never overlap (one loop); stops on graceful shutdown or cancellation; a store
/// failure is logged and the next check tries again.
/// Isolation: an immutable `Sendable` value; runs on the service group's task.
public struct NotificationScheduler: Service {
    let notifications: ExpiryNotifications
    let deliverer: any ExpiryNoticeDelivering
    let interval: Duration
    let logger: Logger

    /// - Parameters:
    ///   - notifications: the domain side.
    ///   - deliverer: the channels.
    ///   - interval: real time between checks (the due decision uses the injected wall clock).
    ///   - logger: for failed checks.
    public init(
        notifications: ExpiryNotifications, deliverer: any ExpiryNoticeDelivering, interval: Duration, logger: Logger
    ) {
        self.notifications = notifications
        self.deliverer = deliverer
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let result = try await self.notifications.runDueNotices(deliverer: self.deliverer)
                    if result.delivered + result.failed > 0 {
                        self.logger.info(
                            "expiry notices sent",
                            metadata: ["delivered": "\(result.delivered)", "failed": "\(result.failed)"])
                    }
                } catch {
                    self.logger.error("expiry notice check failed", metadata: ["error": "\(error)"])
                }
                do {
                    try await Task.sleep(for: self.interval)
                } catch {
                    return
                }
            }
        }
    }
}
