import ArgumentParser
import CertServer
import Foundation
import Logging

/// `certd serve` (also plain `certd`): initialises the data directory if needed, then serves.
///
/// Output: on first start a few lines saying where things are and a `certctl` command to try;
/// once bound, `LISTENING host=H port=P` on stdout (the real port when 0 was asked for), for
/// scripts and tests. Logs go to stderr. Exit status: 0 after a graceful shutdown, 2 for a bad
/// configuration, 1 when starting fails.
/// Isolation: runs on the main task.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the certd server (the default command).",
        discussion: """
            Settings come from flags, then environment variables, then the config file, then defaults. The config \
            file holds 'name = value' lines with these names: listen, log-level, max-connections, max-in-flight, \
            drain-timeout, map-size-mib, master-key-file, official-ca, official-ca-key, pca-regions, and the \
            deployment settings deploy-file-root, deploy-command-dir, deploy-command-timeout, \
            deploy-webhook-timeout, deploy-verify-timeout, deploy-max-attempts, deploy-retry-base, \
            deploy-product-<kind> (slb, cdn, waf, ecs, simpleAppServer). Deployment jobs run inside certd; jobs \
            interrupted by a stop resume on the next start. SIGTERM or SIGINT drain calls in flight, then close \
            the store.
            """
    )

    @OptionGroup var options: ConfigurationOptions
    @OptionGroup(title: "Monitoring and notifications") var monitoring: MonitoringOptions

    func run() async throws {
        let configuration = try self.options.resolve()
        let monitoring = try self.monitoring.resolve()
        let logger = LogSetup.bootstrap(level: configuration.logLevel)
        let runtime = ServerRuntime(configuration: configuration, logger: logger, monitoring: monitoring)
        do {
            let identity = try await ServiceIdentity.loadOrCreate(
                directory: runtime.directory, masterKeyFile: configuration.masterKeyFile)
            let lock = try DataDirectoryLock(directory: runtime.directory)
            defer { withExtendedLifetime(lock) {} }
            let nextKeyFile = MasterKeyRotation.nextKeyFile(for: configuration.masterKeyFile)
            if FileManager.default.fileExists(atPath: nextKeyFile) {
                throw StartupError.rotationInterrupted(nextKeyFile: nextKeyFile)
            }
            if identity.wasCreated {
                logger.notice("initialised the data directory", metadata: ["path": "\(configuration.dataDirectory)"])
            }
            try await runtime.serve(identity: identity) { port in
                let bound = ListenAddress(host: configuration.listen.host, port: port)
                if identity.wasCreated {
                    FirstStartSummary.print(configuration: configuration, server: bound)
                }
                Console.out("LISTENING host=\(configuration.listen.host) port=\(port)")
            } announceMetrics: { port in
                Console.out("METRICS host=\(monitoring.metrics?.host ?? "") port=\(port)")
            }
        } catch let error as StartupError {
            Console.error(error.description)
            throw ExitCode.failure
        }
    }
}
