import ArgumentParser
import CertAPI

/// `certctl audit list`: events newest first (admins: all; users: their own).
///
/// Isolation: runs on the command's task.
struct AuditListCommand: CertctlCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List audit events, newest first.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Option(help: "Only events of this account.")
    var actor: String?

    @Option(help: "Only this action, e.g. certificateDeleted.")
    var action: String?

    @Option(help: "Only events about this id.")
    var target: String?

    @Option(help: "Only success or failure.")
    var outcome: String?

    @Option(help: "Page size (server default 100, at most 1000).")
    var limit: UInt32?

    @Option(help: "Continue from this nextPageToken.")
    var pageToken: String?

    @Flag(help: "Follow page tokens and list every event.")
    var all = false

    /// The JSON of `audit list`.
    struct ListJSON: Encodable {
        var events: [AuditEventJSON]
        var nextPageToken: String
    }

    func run() async throws {
        var request = ListAuditRequest()
        request.limit = self.limit ?? 0
        request.pageToken = self.pageToken ?? ""
        request.actor = self.actor
        request.action = self.action
        request.target = self.target
        request.outcome = self.outcome
        let all = self.all
        let page = try await CertdConnection.with(self.global) { connection in
            var page = try await connection.audit.listAudit(request, options: connection.callOptions)
            while all && !page.nextPageToken.isEmpty {
                var following = request
                following.pageToken = page.nextPageToken
                let more = try await connection.audit.listAudit(following, options: connection.callOptions)
                page.events += more.events
                page.nextPageToken = more.nextPageToken
            }
            return page
        }
        if self.global.json {
            try Console.printJSON(
                ListJSON(events: page.events.map(AuditEventJSON.init), nextPageToken: page.nextPageToken))
            return
        }
        guard !page.events.isEmpty else {
            Console.print("no events")
            return
        }
        var table = TextTable(headers: ["seq", "time", "actor", "action", "target", "outcome"])
        for event in page.events {
            let outcome = event.failureReason.isEmpty ? event.outcome : "\(event.outcome) (\(event.failureReason))"
            table.rows.append([
                String(event.sequence), event.time.iso8601, event.actor, event.action, event.target, outcome,
            ])
        }
        Console.print(table.render())
        if !page.nextPageToken.isEmpty {
            Console.print("more: --page-token \(page.nextPageToken) (or --all)")
        }
    }
}
