public import CertDomain
import Foundation
import Prometheus

/// Renders the Prometheus text exposition certd's metrics endpoint serves.
///
/// Role: combines the long-lived RPC metrics (``RPCMetrics``) with inventory gauges computed at
/// scrape time: `certd_certificate_expiry_timestamp_seconds{id,name,account,source}` per entry and
/// `certd_certificates{status}` counts. The inventory gauges go into a fresh registry per scrape, so
/// a deleted certificate's series disappears instead of lingering.
/// Isolation: an immutable `Sendable` value; each scrape reads one store snapshot.
public struct MetricsExposition: Sendable {
    let monitor: InventoryMonitor
    let rpcMetrics: RPCMetrics

    /// - Parameters:
    ///   - monitor: the inventory reads.
    ///   - rpcMetrics: the RPC server's metrics.
    public init(monitor: InventoryMonitor, rpcMetrics: RPCMetrics) {
        self.monitor = monitor
        self.rpcMetrics = rpcMetrics
    }

    /// The exposition text (format 0.0.4).
    /// - Throws: ``DomainError`` when the store cannot be read.
    public func render() throws(DomainError) -> [UInt8] {
        let readings = try self.monitor.expiryReadings()
        let inventory = PrometheusCollectorRegistry()
        var counts = Dictionary(uniqueKeysWithValues: CertificateStatus.allCases.map { ($0, 0) })
        for reading in readings {
            counts[reading.status, default: 0] += 1
            inventory.makeGauge(
                name: "certd_certificate_expiry_timestamp_seconds",
                labels: [
                    ("id", reading.id.rawValue), ("name", reading.name), ("account", reading.account.rawValue),
                    ("source", reading.source.rawValue),
                ],
                help: "notAfter of each certificate, Unix seconds"
            ).set(Double(reading.notAfter.timeIntervalSince1970))
        }
        for (status, count) in counts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            inventory.makeGauge(
                name: "certd_certificates", labels: [("status", status.rawValue)],
                help: "certificates by expiry status (expiringSoon: within 30 days)"
            ).set(Double(count))
        }
        var output = inventory.emitToBuffer()
        self.rpcMetrics.registry.emit(into: &output)
        return output
    }
}
