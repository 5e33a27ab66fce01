import ArgumentParser
import CertAPI

/// `certctl notify enable CERT...`: notifications on (one quota unit each; all or nothing).
///
/// Isolation: runs on the command's task.
struct NotifyEnableCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable", abstract: "Turn expiry notifications on (one quota unit per certificate).")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "Certificate ids.")
    var ids: [String]

    func run() async throws {
        try await NotificationSwitch.run(ids: self.ids, enabled: true, global: self.global)
    }
}

/// `certctl notify disable CERT...`: notifications off (frees the units).
struct NotifyDisableCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Turn expiry notifications off (frees their quota units).")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "Certificate ids.")
    var ids: [String]

    func run() async throws {
        try await NotificationSwitch.run(ids: self.ids, enabled: false, global: self.global)
    }
}

/// The shared body of `notify enable` and `notify disable`.
enum NotificationSwitch {
    static func run(ids: [String], enabled: Bool, global: GlobalOptions) async throws {
        let response = try await CertdConnection.with(global) { connection in
            try await connection.notifications.setCertificateNotifications(
                SetCertificateNotificationsRequest(ids: ids, enabled: enabled), options: connection.callOptions)
        }
        SwitchText.print(response, enabled: enabled, asJSON: global.json)
    }
}

/// Output after switching notifications.
enum SwitchText {
    static func print(_ response: SetCertificateNotificationsResponse, enabled: Bool, asJSON: Bool) {
        if asJSON {
            try? Console.printJSON(NotificationSwitchJSON(response))
            return
        }
        let verb = enabled ? "on" : "off"
        Console.print(
            response.changedIds.isEmpty
                ? "nothing changed" : "notifications \(verb): \(response.changedIds.joined(separator: " "))")
        Console.print("quota: \(response.quota.remaining) of \(response.quota.units) units remaining")
    }
}
