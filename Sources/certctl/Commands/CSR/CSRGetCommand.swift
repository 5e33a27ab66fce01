import ArgumentParser
import CertAPI

/// `certctl csr get ID`: one CSR with its PEM.
///
/// Isolation: runs on the command's task.
struct CSRGetCommand: CertctlCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one CSR.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "The CSR id, e.g. csr-0123456789abcdef.")
    var id: String

    func run() async throws {
        let request = GetCSRRequest(id: self.id)
        let csr = try await CertdConnection.with(self.global) { connection in
            try await connection.csrs.getCSR(request, options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(CSRJSON(csr))
        } else {
            Console.print(CSRText.block(csr))
        }
    }
}
