import ArgumentParser
import CertAPI
import CertWire

/// `certctl cert timeline`: certificates per week or month until expiry, as a bar chart.
///
/// Isolation: runs on the command's task.
struct CertTimelineCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline", abstract: "Chart certificates per week or month until expiry.")

    enum Period: String, ExpressibleByArgument, CaseIterable {
        case week, month
    }

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Option(help: "Bucket width.")
    var by: Period = .week

    @Option(help: "Number of buckets (1-104).")
    var buckets: UInt32 = 12

    /// The JSON of `cert timeline`.
    struct TimelineJSON: Encodable {
        struct Bucket: Encodable {
            var start: String
            var end: String
            var count: UInt64
            var certificateIds: [String]
        }

        var period: String
        var now: String
        var expired: UInt64
        var buckets: [Bucket]
        var later: UInt64
    }

    func validate() throws {
        guard (1...104).contains(self.buckets) else { throw ValidationError("--buckets must be from 1 to 104.") }
    }

    func run() async throws {
        let request = ExpiryTimelineRequest(period: self.by == .week ? .week : .month, buckets: self.buckets)
        let timeline = try await CertdConnection.with(self.global) { connection in
            try await connection.monitoring.timeline(request, options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(
                TimelineJSON(
                    period: self.by.rawValue, now: timeline.now.iso8601, expired: timeline.expired,
                    buckets: timeline.buckets.map {
                        .init(
                            start: $0.start.iso8601, end: $0.end.iso8601, count: $0.count,
                            certificateIds: $0.certificateIds)
                    },
                    later: timeline.later))
            return
        }
        var rows: [(label: String, count: UInt64)] = [("expired", timeline.expired)]
        for bucket in timeline.buckets {
            rows.append(
                (self.by == .week ? "week of \(bucket.start.day)" : String(bucket.start.day.prefix(7)), bucket.count))
        }
        rows.append(("later", timeline.later))
        Console.print("certificates by expiry \(self.by.rawValue), from \(timeline.now.iso8601)")
        Console.print(TimelineChart.render(rows).joined(separator: "\n"))
    }
}
