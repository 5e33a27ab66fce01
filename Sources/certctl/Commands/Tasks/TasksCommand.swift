import ArgumentParser
import CertAPI

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

/// `certctl tasks enable-notifications [--all | ID...]`: all or nothing.
struct TasksEnableNotificationsCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable-notifications",
        abstract: "Turn notifications on for all or some certificates that have them off (all or nothing).")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Flag(help: "Every certificate with notifications off.")
    var all = false

    @Argument(help: "Certificate ids (instead of --all).")
    var ids: [String] = []

    func validate() throws {
        if self.all == !self.ids.isEmpty { throw ValidationError("Give either --all or certificate ids.") }
    }

    func run() async throws {
        let request = EnableNotificationsTaskRequest(all: self.all, ids: self.ids)
        let response = try await CertdConnection.with(self.global) { connection in
            try await connection.tasks.enableNotifications(request, options: connection.callOptions)
        }
        SwitchText.print(response, enabled: true, asJSON: self.global.json)
    }
}

/// `certctl tasks renew ID...`.
struct TasksRenewCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "renew",
        abstract: "Renew certificates in one step (official and private-CA ones; uploaded ones: cert replace).")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "Certificate ids.")
    var ids: [String]

    func run() async throws {
        let request = RenewTaskRequest(ids: self.ids)
        let response = try await CertdConnection.with(self.global) { connection in
            try await connection.tasks.renew(request, options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(response.certificates.map(CertificateJSON.init))
        } else {
            for certificate in response.certificates {
                Console.print("renewed \(certificate.id) until \(certificate.details.notAfter.iso8601)")
            }
        }
    }
}

/// `certctl tasks snooze`: the reminder after `cert list` stays quiet for 7 days.
struct TasksSnoozeCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "snooze", abstract: "Silence the pending-tasks reminder for 7 days.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    struct SnoozeJSON: Encodable {
        var snoozedUntil: String
    }

    func run() async throws {
        let response = try await CertdConnection.with(self.global) { connection in
            try await connection.tasks.snooze(SnoozeTasksRequest(), options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(SnoozeJSON(snoozedUntil: response.snoozedUntil.iso8601))
        } else {
            Console.print("reminder snoozed until \(response.snoozedUntil.iso8601)")
        }
    }
}
