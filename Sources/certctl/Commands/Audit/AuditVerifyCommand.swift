import ArgumentParser
import CertAPI

/// `certctl audit verify`: asks the server to re-check the hash chain (admins); exits 1 when broken.
///
/// Isolation: runs on the command's task.
struct AuditVerifyCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Re-check the audit hash chain (admins); exit 1 when broken.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    /// The JSON of `audit verify`.
    struct VerifyJSON: Encodable {
        var intact: Bool
        var eventsChecked: UInt64
        var firstBadSequence: UInt64?
        var detail: String?
    }

    func run() async throws {
        let result = try await CertdConnection.with(self.global) { connection in
            try await connection.audit.verifyAudit(VerifyAuditRequest(), options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(
                VerifyJSON(
                    intact: result.intact, eventsChecked: result.eventsChecked,
                    firstBadSequence: result.firstBadSequence, detail: result.detail.isEmpty ? nil : result.detail))
        } else if result.intact {
            Console.print("intact: \(result.eventsChecked) events verified")
        } else {
            Console.print(
                "BROKEN at event \(result.firstBadSequence.map(String.init) ?? "?") (\(result.detail)); "
                    + "\(result.eventsChecked) events checked")
        }
        if !result.intact {
            Console.printError("certctl: the audit log does not verify (auditChainBroken)")
            throw ExitCode(ExitStatus.other.rawValue)
        }
    }
}
