import ArgumentParser

/// `certctl notify settings get|set`.
struct NotifySettingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "Show or change lead times, repeat interval and channels.",
        subcommands: [NotifySettingsGetCommand.self, NotifySettingsSetCommand.self]
    )
}
