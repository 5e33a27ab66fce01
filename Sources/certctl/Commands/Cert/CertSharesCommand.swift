import ArgumentParser
import CertAPI

/// `certctl cert shares ID`: whom a certificate is shared with (or, for a shared entry, whose it is).
///
/// Isolation: runs on the command's task.
struct CertSharesCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "shares",
        abstract: "Show whom a certificate is shared with, and since when."
    )

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "The entry id.")
    var id: String

    /// `{"shares": [...]}`.
    private struct SharesJSON: Encodable {
        var shares: [CertificateShareJSON]
    }

    func run() async throws {
        let request = ListCertificateSharesRequest(id: self.id)
        let response = try await CertdConnection.with(self.global) { connection in
            try await connection.sharing.listShares(request, options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(SharesJSON(shares: response.shares.map(CertificateShareJSON.init)))
            return
        }
        var table = TextTable(headers: ["certificate", "owner", "recipient", "recipient entry", "since"])
        for share in response.shares {
            table.rows.append([
                share.certificateID, share.ownerAccountID, share.recipientAccountID, share.recipientCertificateID,
                share.sharedAt.iso8601,
            ])
        }
        Console.print(response.shares.isEmpty ? "\(self.id) is not shared" : table.render())
    }
}
