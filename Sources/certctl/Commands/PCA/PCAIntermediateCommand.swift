import ArgumentParser
import CertAPI

/// `certctl pca intermediate create|list|revoke`.
///
/// Isolation: a command namespace.
struct PCAIntermediateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intermediate", abstract: "Intermediate CAs.",
        subcommands: [
            PCAIntermediateCreateCommand.self, PCAIntermediateListCommand.self, PCAIntermediateRevokeCommand.self,
        ])
}
