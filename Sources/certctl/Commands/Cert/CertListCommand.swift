import ArgumentParser
import CertAPI

/// `certctl cert list`: the caller's certificates, filtered, sorted, one page or (`--all`) every page.
///
/// Isolation: runs on the command's task.
struct CertListCommand: CertctlCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List certificates.")

    /// `--status` values.
    enum StatusFilter: String, ExpressibleByArgument, CaseIterable {
        case valid, expiring, expired
    }

    /// `--sort` values.
    enum SortKey: String, ExpressibleByArgument, CaseIterable {
        case notAfter, name, created
    }

    /// `--source` values.
    enum SourceFilter: String, ExpressibleByArgument, CaseIterable {
        case uploaded, pca, official, shared
    }

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Option(help: "Only entries from this source.")
    var source: SourceFilter?

    @Option(help: "Only entries with this expiry status (expiring: within 30 days).")
    var status: StatusFilter?

    @Option(help: ArgumentHelp("Only entries not expired and expiring within this many days.", valueName: "days"))
    var expiringWithin: UInt32?

    @Option(help: ArgumentHelp("Only entries with this tag.", valueName: "key=value"))
    var tag: String?

    @Option(help: "Only entries in this resource group.")
    var resourceGroup: String?

    @Option(help: "Text searched in name, common name and SANs (case-insensitive).")
    var search: String?

    @Option(help: "Sort key.")
    var sort: SortKey = .notAfter

    @Flag(help: "Sort in descending order.")
    var descending = false

    @Option(help: "Page size (server default 100, at most 1000).")
    var limit: UInt32?

    @Option(help: "Continue from this nextPageToken.")
    var pageToken: String?

    @Flag(help: "Follow page tokens and list every entry.")
    var all = false

    func validate() throws {
        if self.status != nil && self.expiringWithin != nil {
            throw ValidationError("--status cannot be combined with --expiring-within.")
        }
    }

    func run() async throws {
        var request = ListCertificatesRequest()
        request.source = self.source.map(\.wire)
        request.status = self.status.map(\.wire)
        request.expiringWithinDays = self.expiringWithin
        if let tag = self.tag {
            let (key, value) = try TagList.parse(tag)
            request.tagKey = key
            request.tagValue = value
        }
        request.resourceGroup = self.resourceGroup
        request.search = self.search
        request.sort = self.sort.wire
        request.descending = self.descending
        request.limit = self.limit ?? 0
        request.pageToken = self.pageToken ?? ""
        let all = self.all
        let wantsJSON = self.global.json
        let listing = try await CertdConnection.with(self.global) { connection in
            var page = try await connection.certificates.listCertificates(request, options: connection.callOptions)
            var next = page.nextPageToken
            while all && !next.isEmpty {
                var following = request
                following.pageToken = next
                let more = try await connection.certificates.listCertificates(
                    following, options: connection.callOptions)
                page.certificates += more.certificates
                next = more.nextPageToken
            }
            page.nextPageToken = next
            // The pending-tasks reminder is a courtesy: a server without the Tasks service (or any
            // failure) just means no reminder.
            let tasks =
                wantsJSON
                ? nil : try? await connection.tasks.listTasks(ListTasksRequest(), options: connection.callOptions)
            return (page, tasks)
        }
        let (page, tasks) = (listing.0, listing.1)
        if self.global.json {
            try Console.printJSON(
                CertificateListJSON(
                    certificates: page.certificates.map(CertificateJSON.init), nextPageToken: page.nextPageToken))
        } else if page.certificates.isEmpty {
            Console.print("no certificates")
        } else {
            Console.print(CertificateText.table(page.certificates))
            if !page.nextPageToken.isEmpty {
                Console.print("more: --page-token \(page.nextPageToken) (or --all)")
            }
        }
        if !self.global.json, let tasks, let reminder = TasksText.reminder(tasks) {
            Console.print(reminder)
        }
    }
}

extension CertListCommand.StatusFilter {
    var wire: CertificateStatus {
        switch self {
        case .valid: .valid
        case .expiring: .expiringSoon
        case .expired: .expired
        }
    }
}

extension CertListCommand.SortKey {
    var wire: SortField {
        switch self {
        case .notAfter: .notAfter
        case .name: .name
        case .created: .createdAt
        }
    }
}

extension CertListCommand.SourceFilter {
    var wire: CertificateSource {
        switch self {
        case .uploaded: .uploaded
        case .pca: .pca
        case .official: .official
        case .shared: .shared
        }
    }
}
