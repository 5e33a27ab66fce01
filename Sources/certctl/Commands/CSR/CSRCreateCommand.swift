import ArgumentParser
import CertAPI

/// `certctl csr create`: certd generates a key (kept sealed on the server) and a CSR for it.
///
/// Isolation: runs on the command's task.
struct CSRCreateCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Generate a key and a CSR on the server.")

    /// `--algorithm` values.
    enum Algorithm: String, ExpressibleByArgument, CaseIterable {
        case rsa2048, rsa3072, rsa4096, ecp256, ecp384, sm2

        var wire: KeyType {
            switch self {
            case .rsa2048: .rsa2048
            case .rsa3072: .rsa3072
            case .rsa4096: .rsa4096
            case .ecp256: .ecP256
            case .ecp384: .ecP384
            case .sm2: .sm2
            }
        }
    }

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Option(help: "Common name of the subject.")
    var cn: String

    @Option(
        name: .customLong("san"),
        help: ArgumentHelp("Subject alternative name, repeatable (example.com, IP:127.0.0.1, ...).", valueName: "name"))
    var sans: [String] = []

    @Option(help: "Key algorithm.")
    var algorithm: Algorithm = .ecp256

    @Option(name: .customLong("org"), help: "Organization (O).")
    var organization: String?

    @Option(help: "Two-letter country code (C).")
    var country: String?

    func run() async throws {
        var request = CreateCSRRequest()
        request.commonName = self.cn
        request.sans = self.sans
        request.keyType = self.algorithm.wire
        request.organization = self.organization ?? ""
        request.country = self.country ?? ""
        let csr = try await CertdConnection.with(self.global) { connection in
            try await connection.csrs.createCSR(request, options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(CSRJSON(csr))
        } else {
            Console.print(CSRText.block(csr))
        }
    }
}
