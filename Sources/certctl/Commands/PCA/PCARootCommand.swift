import ArgumentParser
import CertAPI

/// `certctl pca root create|list`.
///
/// Isolation: a command namespace.
struct PCARootCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "root", abstract: "Root CAs.", subcommands: [PCARootCreateCommand.self, PCARootListCommand.self])
}
