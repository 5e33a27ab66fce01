import ArgumentParser
import CertAPI
import Foundation

/// `certctl pca sync --ca ID (--ids ID... | --all)`: syncs certificates into the inventory.
///
/// Sends the ids in chunks of ``chunkSize`` (with `--all`, the ids of every `notSynced` certificate
/// are listed first), so the progress bar on a terminal moves with real server progress.
/// Per-id failures are reported and do not stop the batch; the exit status is 0 when the calls
/// succeeded, whatever the per-id outcomes (see `failedCount`).
/// Isolation: runs on the command's task.
struct PCASyncCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Sync certificates of a CA into the certificate inventory (idempotent).")

    /// Ids per SyncCertificates call.
    static let chunkSize = 200

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Option(help: ArgumentHelp("The issuing CA id.", valueName: "id"))
    var ca: String

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Certificate ids to sync.", valueName: "id"))
    var ids: [String] = []

    @Flag(help: "Sync every certificate of the CA that is not synced yet.")
    var all = false

    @Flag(name: .customLong("no-progress"), help: "Do not draw a progress bar.")
    var noProgress = false

    func validate() throws {
        guard self.all != !self.ids.isEmpty else {
            throw ValidationError("Give either --ids ID... or --all.")
        }
    }

    /// The JSON of `pca sync`.
    struct SyncJSON: Encodable {
        struct Item: Encodable {
            var id: String
            var result: String
            var inventoryID: String?
            var reason: String?
            var message: String?
        }
        var caID: String
        var syncedCount: Int
        var alreadySyncedCount: Int
        var failedCount: Int
        var items: [Item]
    }

    func run() async throws {
        let caID = self.ca
        let explicit = self.ids
        let showProgress = !self.noProgress && !self.global.json && isatty(STDERR_FILENO) == 1
        let items = try await CertdConnection.with(self.global) { connection in
            var ids = explicit
            if ids.isEmpty {
                ids = try await PCAText.allCertificates(connection, caID: caID, status: .notSynced).map(\.id)
            }
            let progress = ProgressBar(total: ids.count, label: "syncing", isEnabled: showProgress)
            var items: [PCASyncItem] = []
            var start = 0
            while start < ids.count {
                let chunk = Array(ids[start..<min(start + Self.chunkSize, ids.count)])
                let response = try await connection.privateCA.syncCertificates(
                    SyncPCACertificatesRequest(caID: caID, ids: chunk), options: connection.callOptions)
                items += response.items
                start += chunk.count
                progress.update(done: start)
            }
            progress.finish()
            return items
        }
        let synced = items.filter { $0.result == .synced }.count
        let already = items.filter { $0.result == .alreadySynced }.count
        let failed = items.filter { $0.result == .syncFailed }
        if self.global.json {
            try Console.printJSON(
                SyncJSON(
                    caID: caID, syncedCount: synced, alreadySyncedCount: already, failedCount: failed.count,
                    items: items.map {
                        SyncJSON.Item(
                            id: $0.id, result: $0.result.jsonName,
                            inventoryID: $0.inventoryID.isEmpty ? nil : $0.inventoryID,
                            reason: $0.reason.isEmpty ? nil : $0.reason, message: $0.message.isEmpty ? nil : $0.message)
                    }))
        } else {
            var lines = ["synced \(synced), already synced \(already), failed \(failed.count) of \(items.count)"]
            lines += failed.map { "  \($0.id): \($0.message) (\($0.reason))" }
            Console.print(lines.joined(separator: "\n"))
        }
    }
}
