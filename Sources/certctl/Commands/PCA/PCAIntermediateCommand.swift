import ArgumentParser
import CertAPI

/// `certctl pca intermediate create|list`.
///
/// Isolation: a command namespace.
struct PCAIntermediateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intermediate", abstract: "Intermediate CAs.",
        subcommands: [PCAIntermediateCreateCommand.self, PCAIntermediateListCommand.self])
}
