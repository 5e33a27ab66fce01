import ArgumentParser
import CertAPI
import Foundation

/// `certctl tools describe --cert FILE`: what a certificate says, without storing it.
///
/// Isolation: runs on the command's task.
struct ToolsDescribeCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe", abstract: "Show what a certificate file says, without storing it.")

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .customLong("cert"),
        help: ArgumentHelp("The certificate (PEM, optionally with its chain, or DER).", valueName: "file"))
    var certificate: String

    @Option(help: ArgumentHelp("Extra chain certificates (PEM).", valueName: "file"))
    var chain: String?

    func run() async throws {
        var request = DescribeRequest()
        request.certificate = try InputFile.bytes(self.certificate)
        request.chain = try InputFile.bytes(ifGiven: self.chain)
        let response = try await CertdConnection.with(self.global) { connection in
            try await connection.tools.describe(request, options: connection.callOptions)
        }
        let description = DescriptionJSON(response, now: Date())
        if self.global.json {
            try Console.printJSON(description)
        } else {
            var block = KeyValueBlock()
            CertificateText.addDetails(response.details, to: &block)
            block.add("days remaining", String(description.daysRemaining))
            block.add("status", description.status)
            block.add(
                "chain", "\(response.chainLength) above the leaf, \(response.chainComplete ? "complete" : "incomplete")"
            )
            for (index, member) in response.chain.enumerated() {
                block.add("chain[\(index + 1)]", member.subject)
            }
            for warning in response.warnings {
                block.add("warning", "\(warning.message) (\(warning.code))")
            }
            Console.print(block.render())
        }
    }
}
