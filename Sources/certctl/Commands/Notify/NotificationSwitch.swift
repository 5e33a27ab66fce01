import CertAPI

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
