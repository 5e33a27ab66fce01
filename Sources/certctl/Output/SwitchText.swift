import CertAPI

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
