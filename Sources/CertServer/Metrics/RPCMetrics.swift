import CoreMetrics
public import Prometheus

/// The RPC server's own metrics (calls by method, errors by status, latency histogram), recorded
/// through swift-metrics into a Prometheus registry.
///
/// Role: owned by certd's metrics endpoint; ``MeteredRPCService`` records into it at the
/// `RPCService` seam, so CertRPC stays free of metrics.
/// Invariant: metric names are stable: `certd_rpc_calls_total{method}`,
/// `certd_rpc_errors_total{method,status}`, `certd_rpc_duration_seconds{method}` (histogram).
/// Isolation: `Sendable`; the registry and the swift-metrics handles are thread-safe.
public struct RPCMetrics: Sendable {
    /// Where the metrics live; the endpoint renders it.
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    /// Latency buckets from 0.1 ms to 10 s.
    static let durationBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(10),
    ]

    /// - Parameter registry: a registry of its own (not the process-wide default), so tests and
    ///   several servers in one process never share counters.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = Self.durationBuckets
        self.factory = factory
    }

    /// The RPC metrics alone in the Prometheus text format (the endpoint adds inventory gauges).
    public func exposition() -> String { self.registry.emitToString() }

    /// The per-method handles, made once per method.
    func instruments(method: String) -> (calls: CoreMetrics.Counter, duration: CoreMetrics.Timer) {
        (
            CoreMetrics.Counter(
                label: "certd_rpc_calls_total", dimensions: [("method", method)], factory: self.factory),
            CoreMetrics.Timer(
                label: "certd_rpc_duration_seconds", dimensions: [("method", method)], factory: self.factory)
        )
    }

    /// Counts one failed call.
    func recordError(method: String, status: String) {
        CoreMetrics.Counter(
            label: "certd_rpc_errors_total", dimensions: [("method", method), ("status", status)],
            factory: self.factory
        ).increment()
    }
}
