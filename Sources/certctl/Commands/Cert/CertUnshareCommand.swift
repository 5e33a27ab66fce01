import ArgumentParser
import CertAPI

/// `certctl cert unshare ID`: ends a share (owner: revoke; recipient: drop the shared entry).
///
/// Isolation: runs on the command's task.
struct CertUnshareCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "unshare",
        abstract: "End a share: the recipient's entry is removed."
    )

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "Your certificate's id (or, as recipient, your shared entry's id).")
    var id: String

    func run() async throws {
        let request = UnshareCertificateRequest(id: self.id)
        let share = try await CertdConnection.with(self.global) { connection in
            try await connection.sharing.unshare(request, options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(CertificateShareJSON(share))
        } else {
            Console.print("ended the share of \(share.certificateID) with \(share.recipientAccountID)")
        }
    }
}
