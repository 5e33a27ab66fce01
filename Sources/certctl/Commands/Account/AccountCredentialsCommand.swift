import ArgumentParser
import CertAPI
import Foundation

/// `certctl account credentials ID --out DIR`: mints a client certificate for an account (admins)
/// and writes cert.pem, key.pem (0600) and ca.pem, then shows how to use them.
///
/// Isolation: runs on the command's task.
struct AccountCredentialsCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials", abstract: "Issue client credentials for an account (admins).")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "The account id.")
    var id: String

    @Option(help: ArgumentHelp("Directory to write into (created if missing).", valueName: "dir"))
    var out: String

    @Option(help: "Validity of the certificate in days (server default 365).")
    var validityDays: UInt32?

    /// The JSON of `account credentials`.
    struct CredentialsJSON: Encodable {
        var accountID: String
        var fingerprintSHA256: String
        var certificate: String
        var privateKey: String
        var ca: String
    }

    func run() async throws {
        let request = IssueCredentialsRequest(accountID: self.id, validityDays: self.validityDays ?? 0)
        let issued = try await CertdConnection.with(self.global) { connection in
            try await connection.accounts.issueCredentials(request, options: connection.callOptions)
        }
        let directory = try OutputDirectory(Self.absolute(self.out))
        let document = CredentialsJSON(
            accountID: issued.accountID,
            fingerprintSHA256: issued.fingerprintSHA256,
            certificate: try directory.save("cert.pem", text: issued.certificatePEM, .publicFile),
            privateKey: try directory.save("key.pem", text: issued.privateKeyPEM, .secret),
            ca: try directory.save("ca.pem", text: issued.caCertificatePEM, .publicFile)
        )
        if self.global.json {
            try Console.printJSON(document)
        } else {
            Console.print("issued credentials for \(issued.accountID) (sha256 \(issued.fingerprintSHA256)):")
            var block = KeyValueBlock()
            block.add("certificate", document.certificate)
            block.add("key", document.privateKey + " (0600; certd keeps no copy)")
            block.add("ca", document.ca)
            Console.print(block.render())
            Console.print("use them with:")
            Console.print(
                "  CERTD_CERT=\(document.certificate) CERTD_KEY=\(document.privateKey) CERTD_CA=\(document.ca) "
                    + "certctl account whoami")
        }
    }

    /// The directory as an absolute path, so the printed command works from anywhere.
    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
