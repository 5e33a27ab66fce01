import ArgumentParser
import CertAPI

/// `certctl csr upload --csr FILE`: records a CSR made elsewhere.
///
/// Isolation: runs on the command's task.
struct CSRUploadCommand: CertctlCommand {
    static let configuration = CommandConfiguration(commandName: "upload", abstract: "Record a CSR made elsewhere.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Option(help: ArgumentHelp("The CSR (PEM or DER).", valueName: "file"))
    var csr: String

    func run() async throws {
        let request = UploadCSRRequest(csr: try InputFile.bytes(self.csr))
        let csr = try await CertdConnection.with(self.global) { connection in
            try await connection.csrs.uploadCSR(request, options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(CSRJSON(csr))
        } else {
            Console.print(CSRText.block(csr))
        }
    }
}
