import ArgumentParser
import CertAPI

/// `certctl cert update ID`: renames, re-tags or moves an entry.
///
/// Isolation: runs on the command's task.
struct CertUpdateCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Rename an entry, change its tags or resource group.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "The entry id.")
    var id: String

    @Option(help: "New name.")
    var name: String?

    @Option(name: .customLong("tag"), help: ArgumentHelp("Set a tag, repeatable.", valueName: "key=value"))
    var tags: [String] = []

    @Option(name: .customLong("untag"), help: ArgumentHelp("Remove a tag, repeatable.", valueName: "key"))
    var removedTags: [String] = []

    @Option(help: "New resource group (empty string: none).")
    var resourceGroup: String?

    func validate() throws {
        if self.name == nil && self.tags.isEmpty && self.removedTags.isEmpty && self.resourceGroup == nil {
            throw ValidationError("Nothing to change: give --name, --tag, --untag or --resource-group.")
        }
    }

    func run() async throws {
        var request = UpdateCertificateRequest()
        request.id = self.id
        request.name = self.name
        request.setTags = try TagList.parse(self.tags)
        request.removeTags = self.removedTags
        request.resourceGroup = self.resourceGroup
        let certificate = try await CertdConnection.with(self.global) { connection in
            try await connection.certificates.updateCertificate(request, options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(CertificateJSON(certificate))
        } else {
            Console.print("updated \(certificate.id)")
            Console.print(CertificateText.block(certificate))
        }
    }
}
