import ArgumentParser

/// `certctl tasks`: what needs attention, and one-step fixes.
///
/// Isolation: a command namespace; `tasks` alone runs `tasks list`.
struct TasksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "Pending tasks: notifications off, quota, not deployed, needs renewal.",
        subcommands: [
            TasksListCommand.self, TasksEnableNotificationsCommand.self, TasksRenewCommand.self,
            TasksSnoozeCommand.self,
        ],
        defaultSubcommand: TasksListCommand.self
    )
}
