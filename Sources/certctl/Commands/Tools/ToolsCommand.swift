import ArgumentParser

/// `certctl tools ...`: stateless conversions and checks done by the server; nothing is stored.
///
/// Isolation: a command namespace; runs nothing itself.
struct ToolsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tools",
        abstract: "Convert key stores, check that a key matches, describe a certificate (nothing is stored).",
        discussion:
            "Here --cert and --key name input files; name the client credentials with --client-cert/--client-key.",
        subcommands: [ToolsConvertCommand.self, ToolsMatchCommand.self, ToolsDescribeCommand.self]
    )
}
