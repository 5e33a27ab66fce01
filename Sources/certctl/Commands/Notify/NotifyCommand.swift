import ArgumentParser

/// `certctl notify ...`: expiry notifications of the calling account.
///
/// Isolation: a command namespace; runs nothing itself.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Expiry notifications: settings, and switching them on or off per certificate.",
        subcommands: [NotifySettingsCommand.self, NotifyEnableCommand.self, NotifyDisableCommand.self]
    )
}
