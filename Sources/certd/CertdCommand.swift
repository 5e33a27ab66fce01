import ArgumentParser
import Foundation

/// The root of certd's command line: `certd [serve]`, `certd init`, `certd version`.
///
/// Role: only arguments, exit codes and output; the work is in ``ServerRuntime`` and
/// ``ServiceIdentity``. Usage and configuration errors exit with status 2 and one line on stderr.
/// Isolation: runs on the main task.
@main
struct CertdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certd",
        abstract: "The certd certificate management service.",
        discussion: """
            With no subcommand certd runs `serve`. On first start certd initialises its data directory: a \
            service CA, a server certificate for localhost, 127.0.0.1 and ::1, an admin client certificate \
            and the master key that seals private keys at rest, and in its store the default official CAs \
            (keys sealed) that issue official certificates; `--official-ca`/`--official-ca-key` make another \
            CA the official one. See `certd serve --help` for every setting.
            """,
        version: CertdVersion.banner,
        subcommands: [
            ServeCommand.self, InitCommand.self, RotateMasterKeyCommand.self, SeedCommand.self, VersionCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )

    /// Parses and runs the command; maps usage errors to exit status 2 (ArgumentParser uses 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                let message = fullMessage(for: error)
                FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
