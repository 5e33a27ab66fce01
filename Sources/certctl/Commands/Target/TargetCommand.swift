import ArgumentParser

/// `certctl target ...`: the deployment targets of the calling account.
///
/// Isolation: a command namespace; runs nothing itself.
struct TargetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target",
        abstract: "Create, list and delete deployment targets.",
        subcommands: [TargetCreateCommand.self, TargetListCommand.self, TargetDeleteCommand.self]
    )
}
