import ArgumentParser
import CertServer
import Foundation

/// The settings `certd serve` and `certd init` accept on the command line.
///
/// Role: collects the flags into a ``ServerConfiguration/Layer`` and resolves them with the
/// environment and the config file (precedence: flag, then environment, then config file, then
/// default). Values stay strings here so that every setting is validated in one place,
/// ``ServerConfiguration/resolve(flags:environment:configFile:)``, with the same messages for
/// all three sources.
/// Isolation: a plain value parsed on the main task.
struct ConfigurationOptions: ParsableArguments {
    @Option(
        name: .customLong("data-dir"),
        help: ArgumentHelp(
            "Data directory (store, identities, master key). Env CERTD_DATA; default $XDG_DATA_HOME/certd or "
                + "~/.local/share/certd. Not settable in the config file.",
            valueName: "dir"))
    var dataDirectory: String?

    @Option(
        help: ArgumentHelp(
            "Address to listen on; port 0 picks a free port. Env CERTD_LISTEN; config 'listen'; "
                + "default 127.0.0.1:7443.",
            valueName: "host:port"))
    var listen: String?

    @Option(
        help: ArgumentHelp(
            "Config file of 'name = value' lines ('#' comments). Env CERTD_CONFIG; default <data-dir>/certd.conf "
                + "when it exists.",
            valueName: "file"))
    var config: String?

    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp(
            "trace, debug, info, notice, warning, error or critical. Env CERTD_LOG_LEVEL; config 'log-level'; "
                + "default info.",
            valueName: "level"))
    var logLevel: String?

    @Option(
        name: .customLong("max-connections"),
        help: ArgumentHelp(
            "Connections served at once, 0 = no cap. Env CERTD_MAX_CONNECTIONS; config 'max-connections'; "
                + "default 1024.",
            valueName: "n"))
    var maxConnections: String?

    @Option(
        name: .customLong("max-in-flight"),
        help: ArgumentHelp(
            "Calls in flight per connection before resourceExhausted, 0 = no cap. Env CERTD_MAX_IN_FLIGHT; "
                + "config 'max-in-flight'; default 4096.",
            valueName: "n"))
    var maxInFlight: String?

    @Option(
        name: .customLong("drain-timeout"),
        help: ArgumentHelp(
            "Seconds in-flight calls get to finish on SIGTERM/SIGINT. Env CERTD_DRAIN_TIMEOUT; "
                + "config 'drain-timeout'; default 10.",
            valueName: "seconds"))
    var drainTimeout: String?

    @Option(
        name: .customLong("map-size-mib"),
        help: ArgumentHelp(
            "Initial LMDB map size in MiB (sparse). Env CERTD_MAP_SIZE_MIB; config 'map-size-mib'; default 8192.",
            valueName: "mib"))
    var mapSizeMiB: String?

    @Option(
        name: .customLong("master-key-file"),
        help: ArgumentHelp(
            "The 32-byte master key that seals private keys at rest; created on first start. "
                + "Env CERTD_MASTER_KEY_FILE; config 'master-key-file'; default <data-dir>/master.key.",
            valueName: "file"))
    var masterKeyFile: String?

    @Option(
        name: .customLong("official-ca"),
        help: ArgumentHelp(
            "PEM file with the CA that issues official certificates (then, optionally, its issuers); "
                + "with --official-ca-key. Env CERTD_OFFICIAL_CA; config 'official-ca'; default: the official "
                + "CA certd creates at init, its key sealed in the store.",
            valueName: "file"))
    var officialCA: String?

    @Option(
        name: .customLong("official-ca-key"),
        help: ArgumentHelp(
            "Unencrypted PEM private key of --official-ca. Env CERTD_OFFICIAL_CA_KEY; config 'official-ca-key'.",
            valueName: "file"))
    var officialCAKey: String?

    @Option(
        name: .customLong("pca-regions"),
        help: ArgumentHelp(
            "Comma-separated regions private CAs may live in. Env CERTD_PCA_REGIONS; config 'pca-regions'; "
                + "default cn-hangzhou,cn-beijing,ap-southeast-1,eu-central-1.",
            valueName: "ids"))
    var pcaRegions: String?

    @Option(
        name: .customLong("deploy-file-root"),
        help: ArgumentHelp(
            "Directory file deployment targets write under (their 'directory' is relative to it); unset disables "
                + "file targets. Env CERTD_DEPLOY_FILE_ROOT; config 'deploy-file-root'.",
            valueName: "dir"))
    var deployFileRoot: String?

    @Option(
        name: .customLong("deploy-command-dir"),
        help: ArgumentHelp(
            "Directory of programs command targets and reload commands may run (by name); unset disables them. "
                + "Env CERTD_DEPLOY_COMMAND_DIR; config 'deploy-command-dir'.",
            valueName: "dir"))
    var deployCommandDirectory: String?

    @Option(
        name: .customLong("deploy-command-timeout"),
        help: ArgumentHelp(
            "Seconds a deployment command may run. Env CERTD_DEPLOY_COMMAND_TIMEOUT; config "
                + "'deploy-command-timeout'; default 60.",
            valueName: "seconds"))
    var deployCommandTimeout: String?

    @Option(
        name: .customLong("deploy-webhook-timeout"),
        help: ArgumentHelp(
            "Seconds a deployment webhook POST may take. Env CERTD_DEPLOY_WEBHOOK_TIMEOUT; config "
                + "'deploy-webhook-timeout'; default 10.",
            valueName: "seconds"))
    var deployWebhookTimeout: String?

    @Option(
        name: .customLong("deploy-verify-timeout"),
        help: ArgumentHelp(
            "Seconds the TLS verification of a deployed endpoint may take. Env CERTD_DEPLOY_VERIFY_TIMEOUT; "
                + "config 'deploy-verify-timeout'; default 5.",
            valueName: "seconds"))
    var deployVerifyTimeout: String?

    @Option(
        name: .customLong("deploy-max-attempts"),
        help: ArgumentHelp(
            "Attempts per deployment target before its run fails. Env CERTD_DEPLOY_MAX_ATTEMPTS; config "
                + "'deploy-max-attempts'; default 5.",
            valueName: "n"))
    var deployMaxAttempts: String?

    @Option(
        name: .customLong("deploy-retry-base"),
        help: ArgumentHelp(
            "Seconds before the first deployment retry; doubles per attempt, at most 300. Env "
                + "CERTD_DEPLOY_RETRY_BASE; config 'deploy-retry-base'; default 2.",
            valueName: "seconds"))
    var deployRetryBase: String?

    @Option(
        name: .customLong("deploy-product"),
        help: ArgumentHelp(
            "How a product kind (slb, cdn, waf, ecs, simpleAppServer) is deployed: KIND=file:DIR, "
                + "KIND=command:NAME or KIND=webhook:https://URL; repeatable. Env CERTD_DEPLOY_PRODUCT_<KIND>; "
                + "config 'deploy-product-<kind>'.",
            valueName: "kind=route"))
    var deployProducts: [String] = []

    @Option(
        name: .customLong("webhook-ca"),
        help: ArgumentHelp(
            "PEM file of CA certificates that https webhook receivers (notifications, deployment targets) and the "
                + "SMTP relay (after STARTTLS) may chain to, besides the system bundle "
                + "/etc/ssl/certs/ca-certificates.crt; for private receivers and relays. "
                + "Env CERTD_WEBHOOK_CA; config 'webhook-ca'.",
            valueName: "file"))
    var webhookCA: String?

    /// The `deploy-*` flags by config-file name.
    var deploymentLayer: [String: String] {
        var values: [String: String] = [:]
        values["deploy-file-root"] = self.deployFileRoot
        values["deploy-command-dir"] = self.deployCommandDirectory
        values["deploy-command-timeout"] = self.deployCommandTimeout
        values["deploy-webhook-timeout"] = self.deployWebhookTimeout
        values["deploy-verify-timeout"] = self.deployVerifyTimeout
        values["deploy-max-attempts"] = self.deployMaxAttempts
        values["deploy-retry-base"] = self.deployRetryBase
        for product in self.deployProducts {
            let parts = product.split(separator: "=", maxSplits: 1)
            // A malformed flag becomes an unknown product name, which resolution reports.
            values["deploy-product-" + String(parts.first ?? "")] = parts.count == 2 ? String(parts[1]) : ""
        }
        return values
    }

    /// The flags as the highest-precedence configuration layer.
    var layer: ServerConfiguration.Layer {
        ServerConfiguration.Layer(
            dataDirectory: self.dataDirectory,
            listen: self.listen,
            logLevel: self.logLevel,
            maxConnections: self.maxConnections,
            maxInFlightPerConnection: self.maxInFlight,
            drainTimeoutSeconds: self.drainTimeout,
            mapSizeMiB: self.mapSizeMiB,
            masterKeyFile: self.masterKeyFile,
            officialCAFile: self.officialCA,
            officialCAKeyFile: self.officialCAKey,
            pcaRegions: self.pcaRegions,
            deployment: self.deploymentLayer,
            webhookCAFile: self.webhookCA
        )
    }

    /// Resolves the configuration; on failure prints one line on stderr and exits with status 2.
    /// - Parameter environment: the process environment.
    /// - Returns: the validated configuration.
    /// - Throws: `ExitCode(2)` after printing the problem.
    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ServerConfiguration {
        do {
            return try ServerConfiguration.resolve(flags: self.layer, environment: environment, configFile: self.config)
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
    }
}
