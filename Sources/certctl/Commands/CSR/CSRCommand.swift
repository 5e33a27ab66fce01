import ArgumentParser

/// `certctl csr ...`: certificate signing requests of the calling account.
///
/// Isolation: a command namespace; runs nothing itself.
struct CSRCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csr",
        abstract: "Create, upload, list, inspect and delete CSRs.",
        subcommands: [
            CSRCreateCommand.self, CSRUploadCommand.self, CSRListCommand.self, CSRGetCommand.self,
            CSRDeleteCommand.self,
        ]
    )
}
