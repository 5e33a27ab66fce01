import ArgumentParser
import CertAPI

/// `certctl pca cert list|get`.
///
/// Isolation: a command namespace.
struct PCACertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert", abstract: "Certificates issued by private CAs.",
        subcommands: [PCACertListCommand.self, PCACertGetCommand.self])
}
