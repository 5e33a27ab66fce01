import CertServer
import ServiceLifecycle

/// Flips Health/Check to `notServing` as soon as graceful shutdown begins.
///
/// Role: listed after the RPC server in the `ServiceGroup`, so that it is told first (the group
/// shuts services down in reverse order): load balancers see `notServing` while the server drains.
/// Isolation: `Sendable`; holds only the (atomic) health handler.
struct HealthDrainService: Service {
    let health: HealthHandler

    func run() async throws {
        try await gracefulShutdown()
        self.health.markDraining()
    }
}
