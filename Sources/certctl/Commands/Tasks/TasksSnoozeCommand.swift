import ArgumentParser
import CertAPI

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
