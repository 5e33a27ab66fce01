import ArgumentParser
import CertAPI

/// `certctl tasks [list] [--json]`: answers also while the reminder is snoozed.
struct TasksListCommand: CertctlCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List pending tasks.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    func run() async throws {
        let tasks = try await CertdConnection.with(self.global) { connection in
            try await connection.tasks.listTasks(ListTasksRequest(), options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(PendingTasksJSON(tasks))
        } else {
            Console.print(TasksText.block(tasks))
        }
    }
}
