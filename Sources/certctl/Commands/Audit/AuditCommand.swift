import ArgumentParser

/// `certctl audit ...`: the hash-chained audit log.
///
/// Isolation: a command namespace; runs nothing itself.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List audit events, verify the hash chain.",
        subcommands: [AuditListCommand.self, AuditVerifyCommand.self]
    )
}
