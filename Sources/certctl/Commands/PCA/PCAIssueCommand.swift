import ArgumentParser
import CertAPI

/// `certctl pca issue --ca ID (--cn NAME | --csr FILE) [--san ...] [--client-auth] [--days N] [--accept-risk]`.
///
/// Isolation: runs on the command's task.
struct PCAIssueCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue", abstract: "Issue a certificate from an intermediate CA.",
        discussion: """
            More than 365 days needs --accept-risk: a private-CA certificate valid for more than one year \
            raises the damage of a leaked key. The acceptance is recorded in the audit log.
            """)

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Option(help: ArgumentHelp("The issuing intermediate CA id.", valueName: "id"))
    var ca: String

    @Option(help: "Common name (required without --csr).")
    var cn: String?

    @Option(
        name: .customLong("san"),
        help: ArgumentHelp("Subject alternative name, repeatable (a.example, IP:10.0.0.1, ...).", valueName: "name"))
    var sans: [String] = []

    @Option(help: ArgumentHelp("A CSR (PEM or DER): the requester keeps its key.", valueName: "file"))
    var csr: String?

    @Flag(name: .customLong("server-auth"), help: "serverAuth usage (the default when no usage is given).")
    var serverAuth = false

    @Flag(name: .customLong("client-auth"), help: "clientAuth usage.")
    var clientAuth = false

    @Option(help: "Validity in days (1-3650; more than 365 needs --accept-risk).")
    var days: UInt32 = 365

    @Option(help: "Key algorithm of the generated key (default: the CA's; ignored with --csr).")
    var algorithm: CSRCreateCommand.Algorithm?

    @Flag(name: .customLong("accept-risk"), help: "Accept the leak risk of a certificate valid for more than a year.")
    var acceptRisk = false

    func run() async throws {
        let request = IssuePCACertificateRequest(
            caID: self.ca, commonName: self.cn ?? "", sans: self.sans, serverAuth: self.serverAuth,
            clientAuth: self.clientAuth, validityDays: self.days, keyType: self.algorithm?.wire ?? .keyTypeUnspecified,
            csr: try InputFile.bytes(ifGiven: self.csr), acceptRisk: self.acceptRisk)
        let certificate = try await CertdConnection.with(self.global) { connection in
            try await connection.privateCA.issueCertificate(request, options: connection.callOptions)
        }
        try PCAText.printCertificate(certificate, json: self.global.json)
    }
}
