import ArgumentParser
import CertAPI

/// `certctl pca region list`: the service's private-CA regions with the caller's CA counts.
///
/// Isolation: a command namespace.
struct PCARegionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "region", abstract: "Private-CA regions.", subcommands: [PCARegionListCommand.self])
}
