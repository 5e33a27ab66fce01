import CertAPI

/// Text forms of pending tasks: the `certctl tasks` block and the one-line reminder after `cert list`.
///
/// Isolation: a namespace of pure functions.
enum TasksText {
    /// The reminder line, or nil when nothing is pending or the reminder is snoozed.
    static func reminder(_ tasks: PendingTasks) -> String? {
        guard tasks.snoozedUntil == nil else { return nil }
        var parts: [String] = []
        if tasks.notificationsOff > 0 { parts.append("\(tasks.notificationsOff) without notifications") }
        if tasks.notDeployed > 0 { parts.append("\(tasks.notDeployed) not deployed") }
        if tasks.needsRenewal > 0 { parts.append("\(tasks.needsRenewal) to renew") }
        guard !parts.isEmpty else { return nil }
        return "pending: " + parts.joined(separator: ", ") + "; see certctl tasks (or: certctl tasks snooze)"
    }

    /// The `certctl tasks` block: counts, ids and the actions that fix them.
    static func block(_ tasks: PendingTasks) -> String {
        var lines: [String] = []
        /// Ids wrapped to 80 columns under their line, indented; at most 20, then a count.
        func ids(_ list: [String]) -> [String] {
            var rows: [String] = []
            var row = "   "
            for id in list.prefix(20) {
                if row.count + id.count + 1 > 80 {
                    rows.append(row)
                    row = "   "
                }
                row += " " + id
            }
            if row.count > 3 { rows.append(row) }
            if list.count > 20 { rows.append("    ... and \(list.count - 20) more (certctl tasks --json lists all)") }
            return rows
        }
        lines.append("notifications off   \(tasks.notificationsOff)")
        lines += ids(tasks.notificationsOffIds)
        lines.append(
            "quota               \(tasks.quotaRemaining) remaining, \(tasks.quotaRequired) required"
                + (tasks.quotaMissing > 0 ? ", \(tasks.quotaMissing) missing" : ""))
        lines.append("not deployed        \(tasks.notDeployed)")
        lines += ids(tasks.notDeployedIds)
        lines.append("needs renewal       \(tasks.needsRenewal)")
        lines += ids(tasks.needsRenewalIds)
        if let until = tasks.snoozedUntil {
            lines.append("reminder snoozed until \(until.iso8601)")
        }
        if tasks.notificationsOff > 0 {
            lines.append("fix: certctl tasks enable-notifications --all")
        }
        if tasks.needsRenewal > 0 {
            lines.append("fix: certctl tasks renew ID... (uploaded certificates: certctl cert replace ID)")
        }
        return lines.joined(separator: "\n")
    }
}
