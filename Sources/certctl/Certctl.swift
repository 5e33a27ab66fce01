import ArgumentParser
import CertWire
import Foundation

/// certctl: the command-line client of certd.
///
/// Role: the root of the command tree, and the one place failures become output and an exit code
/// (see ``ExitStatus``): a line `certctl: <message> (<reason>)` on stderr, or with `--json` a
/// `{"error": {...}}` document on stdout.
/// Isolation: runs on the main task; each invocation makes one connection.
@main
struct Certctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certctl",
        abstract: "Manage certificates, CSRs and accounts on a certd server.",
        discussion: """
            By default certctl talks to certd at 127.0.0.1:7443 with the local admin credentials that \
            `certd serve` creates in its data directory ($CERTD_DATA, else $XDG_DATA_HOME/certd, else \
            ~/.local/share/certd). Global options (--server, --ca, --cert, --key, --json, --timeout) go \
            before or after the command: `certctl --server HOST:PORT cert list`. Passphrases and \
            passwords are read from files only.

            Exit codes: 0 success, 1 other failure, 2 usage, 3 invalid input, 4 not found, \
            5 permission or authentication, 6 already exists or failed precondition, 7 server unreachable.
            """,
        version: "0.1.0",
        subcommands: [
            CertCommand.self, CSRCommand.self, ToolsCommand.self, AccountCommand.self, AuditCommand.self,
            HealthCommand.self, NotifyCommand.self, QuotaCommand.self, TasksCommand.self, PCACommand.self,
            TargetCommand.self, DeployCommand.self, JobCommand.self,
        ]
    )

    /// Parses, runs and reports; never returns.
    static func main() async {
        let arguments = LeadingGlobalOptions.rewrite(Array(CommandLine.arguments.dropFirst()))
        let status = await Self.run(arguments: arguments)
        Foundation.exit(status.rawValue)
    }

    /// Runs one invocation and reports its failure, if any.
    /// - Parameter arguments: the command line without the program name.
    /// - Returns: the exit status.
    static func run(arguments: [String]) async -> ExitStatus {
        var wantsJSON = arguments.prefix(while: { $0 != "--" }).contains("--json")
        do {
            var command = try Self.parseAsRoot(arguments)
            if let command = command as? any CertctlCommand { wantsJSON = command.global.json }
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return .success
        } catch let error as CertctlError {
            Console.report(error, asJSON: wantsJSON)
            return error.exitStatus
        } catch let error as RPCError {
            let wrapped = CertctlError.rpc(error)
            Console.report(wrapped, asJSON: wantsJSON)
            return wrapped.exitStatus
        } catch {
            return Self.reportParserOutcome(error, asJSON: wantsJSON)
        }
    }

    /// Help, version and usage errors from swift-argument-parser: help goes to stdout with 0, every
    /// usage error to stderr with 2 (the parser's own code would be 64).
    private static func reportParserOutcome(_ error: any Error, asJSON: Bool) -> ExitStatus {
        let code = Self.exitCode(for: error)
        let message = Self.fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }
            return .success
        }
        if let exitCode = error as? ExitCode, let status = ExitStatus(rawValue: exitCode.rawValue) {
            return status
        }
        if asJSON {
            Console.printErrorJSON(code: "usage", reason: "usage", message: Self.message(for: error))
        }
        Console.printError(message)
        return .usage
    }
}

/// A leaf command: it has the global options, so failures know whether to print JSON.
protocol CertctlCommand: AsyncParsableCommand {
    var global: GlobalOptions { get }
}
