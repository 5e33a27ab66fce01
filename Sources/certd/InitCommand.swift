import ArgumentParser
import CertCrypto
import CertDomain
import CertServer

/// `certd init`: initialises the data directory without serving (idempotent).
///
/// Isolation: runs on the main task.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract:
            "Create the data directory, service CA, server and admin certificates, master key and official CA.",
        discussion: "Does nothing to a directory that is already initialised; existing keys are never replaced."
    )

    @OptionGroup var options: ConfigurationOptions

    func run() async throws {
        let configuration = try self.options.resolve()
        let logger = LogSetup.bootstrap(level: configuration.logLevel)
        let runtime = ServerRuntime(configuration: configuration, logger: logger)
        do {
            let identity = try await ServiceIdentity.loadOrCreate(
                directory: runtime.directory, masterKeyFile: configuration.masterKeyFile)
            _ = try await runtime.withStore { store in
                try await runtime.ensureAdmin(
                    accounts: AccountDirectory(store: store, clock: SystemWallClock()), identity: identity)
                // The default official CA (or a check of the configured one), so serving never has to.
                _ = try await runtime.officialIssuers(
                    store: store, clock: SystemWallClock(), sealer: Sealer(masterKey: identity.masterKey))
            }
            if identity.wasCreated {
                FirstStartSummary.print(configuration: configuration, server: configuration.listen)
            } else {
                Console.out("certd: \(configuration.dataDirectory) is already initialised; nothing changed")
            }
        } catch let error as StartupError {
            Console.error(error.description)
            throw ExitCode.failure
        }
    }
}
