import ArgumentParser
import CertAPI

/// `certctl pca intermediate revoke --ca ID [--reason R]`: revokes an intermediate CA (final).
///
/// Isolation: runs on the command's task.
struct PCAIntermediateRevokeCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke an intermediate CA (final).",
        discussion: """
            Its root's next CRL lists it; it stops issuing and re-issuing (its own CRL can still be \
            published); inventory entries synced from its certificates get a `revoked` warning. \
            Roots cannot be revoked.
            """)

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Option(help: ArgumentHelp("The intermediate CA id.", valueName: "id"))
    var ca: String

    @Option(help: "Why it is revoked.")
    var reason: PCARevokeCommand.Reason = .unspecified

    func run() async throws {
        let request = RevokePCAAuthorityRequest(id: self.ca, reason: self.reason.wire)
        let authority = try await CertdConnection.with(self.global) { connection in
            try await connection.privateCA.revokeAuthority(request, options: connection.callOptions)
        }
        try PCAText.printAuthority(authority, json: self.global.json)
    }
}
