import ArgumentParser
import CertAPI

/// `certctl pca root list [--region R]`.
///
/// Isolation: runs on the command's task.
struct PCARootListCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List root CAs.")

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Option(help: "Only this region.")
    var region: String?

    func run() async throws {
        try await PCAText.listAuthorities(self.global, region: self.region, kind: .root)
    }
}
