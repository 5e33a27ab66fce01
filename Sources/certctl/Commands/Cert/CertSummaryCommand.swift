import ArgumentParser
import CertAPI

/// `certctl cert summary`: counts by expiry status and source.
///
/// Isolation: runs on the command's task.
struct CertSummaryCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Count certificates by expiry status, source, algorithm, deployment and notifications.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    /// The JSON of `cert summary`.
    struct SummaryJSON: Encodable {
        var total: UInt64
        var valid: UInt64
        var expiringWithin30Days: UInt64
        var expiringWithin60Days: UInt64
        var expiringWithin90Days: UInt64
        var expired: UInt64
        var bySource: [String: UInt64]
        var byAlgorithm: [String: UInt64]
        var deployed: UInt64
        var notDeployed: UInt64
        var notificationsOn: UInt64
        var notificationsOff: UInt64
    }

    func run() async throws {
        let monitoring = try await CertdConnection.with(self.global) { connection in
            try await connection.monitoring.summary(MonitoringSummaryRequest(), options: connection.callOptions)
        }
        let summary = monitoring.status
        if self.global.json {
            try Console.printJSON(
                SummaryJSON(
                    total: summary.total, valid: summary.valid,
                    expiringWithin30Days: summary.expiringWithin30Days,
                    expiringWithin60Days: summary.expiringWithin60Days,
                    expiringWithin90Days: summary.expiringWithin90Days,
                    expired: summary.expired, bySource: summary.bySource, byAlgorithm: monitoring.byAlgorithm,
                    deployed: monitoring.deployed, notDeployed: monitoring.notDeployed,
                    notificationsOn: monitoring.notificationsOn, notificationsOff: monitoring.notificationsOff))
        } else {
            var block = KeyValueBlock()
            block.add("total", String(summary.total))
            block.add("valid", String(summary.valid))
            block.add("expiring in 30 days", String(summary.expiringWithin30Days))
            block.add("expiring in 60 days", String(summary.expiringWithin60Days))
            block.add("expiring in 90 days", String(summary.expiringWithin90Days))
            block.add("expired", String(summary.expired))
            for (source, count) in summary.bySource.sorted(by: { $0.key < $1.key }) {
                block.add("source \(source)", String(count))
            }
            for (algorithm, count) in monitoring.byAlgorithm.sorted(by: { $0.key < $1.key }) {
                block.add("algorithm \(algorithm)", String(count))
            }
            block.add("deployed", String(monitoring.deployed))
            block.add("not deployed", String(monitoring.notDeployed))
            block.add("notifications on", String(monitoring.notificationsOn))
            block.add("notifications off", String(monitoring.notificationsOff))
            Console.print(block.render())
        }
    }
}
