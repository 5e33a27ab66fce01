import ArgumentParser
import CertAPI

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
