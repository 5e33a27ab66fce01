public import CertAPI
public import CertWire
import Synchronization

/// Answers Health/Check: `serving`, or `notServing` once the server starts draining.
///
/// Role: the liveness probe; needs no account (load balancers have no client certificate).
/// Invariants: once ``markDraining()`` is called the answer stays `notServing`.
/// Isolation: `final class` whose only state is an atomic flag, so it is `Sendable` and can be
/// flipped from the shutdown path while calls read it.
public final class HealthHandler: HealthService.Handler {
    /// The version reported to callers.
    public let version: String
    private let isDraining = Atomic<Bool>(false)

    /// - Parameter version: the server's version, e.g. `0.1.0`.
    public init(version: String) {
        self.version = version
    }

    /// Reports `notServing` from now on (called when graceful shutdown begins).
    public func markDraining() {
        self.isDraining.store(true, ordering: .relaxed)
    }

    public func check(_ request: HealthCheckRequest, context: CallContext) async throws -> HealthCheckResponse {
        HealthCheckResponse(
            status: self.isDraining.load(ordering: .relaxed) ? .notServing : .serving, version: self.version)
    }
}
