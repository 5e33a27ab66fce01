import ArgumentParser
import CertAPI

/// `certctl cert order --domain D...`: the official CA issues a certificate at once.
///
/// Isolation: runs on the command's task.
struct CertOrderCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "order",
        abstract: "Order an official certificate (issued at once by certd's official CA).",
        discussion: "The key is generated and kept sealed by certd; renew with `certctl cert renew ID`."
    )

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Option(
        name: .customLong("domain"),
        help: ArgumentHelp(
            "DNS name, repeatable (*.example.com allowed); the first is the common name.", valueName: "name")
    )
    var domains: [String] = []

    @Option(help: "Key algorithm.")
    var algorithm: CSRCreateCommand.Algorithm = .ecp256

    @Option(help: ArgumentHelp("Validity in days, 1-3650.", valueName: "days"))
    var days: UInt32 = 365

    @Option(help: ArgumentHelp("Name of the entry (default: the first domain).", valueName: "name"))
    var name: String?

    func validate() throws {
        guard !self.domains.isEmpty else { throw ValidationError("Give at least one --domain.") }
        guard (1...3650).contains(self.days) else { throw ValidationError("--days must be 1-3650.") }
    }

    func run() async throws {
        let request = OrderOfficialCertificateRequest(
            domains: self.domains, algorithm: self.algorithm.wire, validityDays: self.days, name: self.name ?? "")
        let certificate = try await CertdConnection.with(self.global) { connection in
            try await connection.official.order(request, options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(CertificateJSON(certificate))
        } else {
            Console.print(CertificateText.block(certificate))
        }
    }
}
