import ArgumentParser
import CertServer

/// `certd rotate-master-key`: seals every stored private key under a fresh master key.
///
/// Refuses while a certd serves the same data directory (it holds `certd.lock`); see
/// ``MasterKeyRotation`` for the crash-safe order of steps.
/// Isolation: runs on the main task.
struct RotateMasterKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-master-key",
        abstract: "Replace the master key and re-seal every stored private key under the new one.",
        discussion: """
            Stop certd first. All keys are re-sealed in one transaction, then the new key replaces the master \
            key file. Database backups taken before the rotation need the previous key, which is not kept.
            """
    )

    @OptionGroup var options: ConfigurationOptions

    func run() async throws {
        let configuration = try self.options.resolve()
        let logger = LogSetup.bootstrap(level: configuration.logLevel)
        let runtime = ServerRuntime(configuration: configuration, logger: logger)
        do {
            guard runtime.directory.isInitialised else {
                throw StartupError.unreadableFile(
                    path: runtime.directory.path, reason: "not an initialised data directory (run certd init first)")
            }
            let lock = try DataDirectoryLock(directory: runtime.directory)
            defer { withExtendedLifetime(lock) {} }
            let rotation = MasterKeyRotation(directory: runtime.directory, masterKeyFile: configuration.masterKeyFile)
            let count = try await runtime.withStore { store in try await rotation.rotate(store: store) }
            Console.out(
                "certd: re-sealed \(count) private keys under a new master key in \(configuration.masterKeyFile)")
        } catch let error as StartupError {
            Console.error(error.description)
            throw ExitCode.failure
        }
    }
}
