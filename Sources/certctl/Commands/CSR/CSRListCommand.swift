import ArgumentParser
import CertAPI

/// `certctl csr list`: every CSR of the caller (all pages).
///
/// Isolation: runs on the command's task.
struct CSRListCommand: CertctlCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List CSRs.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    /// The JSON of `csr list`.
    struct ListJSON: Encodable {
        var csrs: [CSRJSON]
    }

    func run() async throws {
        let csrs = try await CertdConnection.with(self.global) { connection in
            var csrs: [CSR] = []
            var token = ""
            repeat {
                let page = try await connection.csrs.listCSRs(
                    ListCSRsRequest(limit: 1000, pageToken: token), options: connection.callOptions)
                csrs += page.csrs
                token = page.nextPageToken
            } while !token.isEmpty
            return csrs
        }
        if self.global.json {
            try Console.printJSON(ListJSON(csrs: csrs.map(CSRJSON.init)))
        } else {
            Console.print(csrs.isEmpty ? "no CSRs" : CSRText.table(csrs))
        }
    }
}
