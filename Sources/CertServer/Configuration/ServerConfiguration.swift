import Foundation

/// Everything `certd serve` needs to start, resolved from flags, environment and config file.
///
/// Role: the single place where precedence is decided: a flag beats an environment variable,
/// which beats a line in the config file, which beats the built-in default.
/// Invariant: every field holds a validated value; resolution fails with a
/// ``ConfigurationError`` naming the setting rather than falling back silently.
public struct ServerConfiguration: Sendable, Equatable {
    /// Where certd keeps its store, identities and master key.
    public var dataDirectory: String
    /// The address the RPC server binds.
    public var listen: ListenAddress
    /// swift-log level name: trace, debug, info, notice, warning, error, critical.
    public var logLevel: String
    /// Connections accepted at once; 0 means no cap.
    public var maxConnections: Int
    /// Calls in flight per connection before `resourceExhausted`; 0 means no cap.
    public var maxInFlightPerConnection: Int
    /// Seconds in-flight calls get to finish on shutdown.
    public var drainTimeoutSeconds: Int
    /// LMDB map size in MiB (sparse; the file grows with use).
    public var mapSizeMiB: Int
    /// The master key file; by default `master.key` in the data directory.
    public var masterKeyFile: String
    /// The official CA (issue 6) as a PEM file: the CA certificate, optionally followed by its
    /// issuers. Nil: the default official CA that certd creates, sealed, in its store.
    public var officialCAFile: String? = nil
    /// The official CA's unencrypted private key (PEM); set exactly when `officialCAFile` is.
    public var officialCAKeyFile: String? = nil
    /// The regions private CAs may live in (issue 6), in listing order.
    public var pcaRegions: [String] = ServerConfiguration.defaultPCARegions

    /// The private-CA regions used when none are configured.
    public static let defaultPCARegions = ["cn-hangzhou", "cn-beijing", "ap-southeast-1", "eu-central-1"]
    /// Deployment executors, retries and product routes (`deploy-*` settings).
    public var deployment = DeploymentSettings()
    /// A PEM file of CA certificates https webhook receivers (notifications and deployment
    /// targets) may chain to, in addition to the system bundle (`webhook-ca`). Nil: system bundle only.
    public var webhookCAFile: String? = nil

    /// The settings one source (flags, environment or file) may provide; `nil` means "not set here".
    public struct Layer: Sendable, Equatable {
        public var dataDirectory: String?
        public var listen: String?
        public var logLevel: String?
        public var maxConnections: String?
        public var maxInFlightPerConnection: String?
        public var drainTimeoutSeconds: String?
        public var mapSizeMiB: String?
        public var masterKeyFile: String?
        public var officialCAFile: String?
        public var officialCAKeyFile: String?
        /// Comma-separated region ids.
        public var pcaRegions: String?
        /// `deploy-*` settings by their config-file name (see `ServerConfiguration+Deployment.swift`).
        public var deployment: [String: String] = [:]
        public var webhookCAFile: String?

        public init(
            dataDirectory: String? = nil, listen: String? = nil, logLevel: String? = nil,
            maxConnections: String? = nil, maxInFlightPerConnection: String? = nil,
            drainTimeoutSeconds: String? = nil, mapSizeMiB: String? = nil, masterKeyFile: String? = nil,
            officialCAFile: String? = nil, officialCAKeyFile: String? = nil,
            pcaRegions: String? = nil,
            deployment: [String: String] = [:], webhookCAFile: String? = nil
        ) {
            self.deployment = deployment
            self.webhookCAFile = webhookCAFile
            self.dataDirectory = dataDirectory
            self.listen = listen
            self.logLevel = logLevel
            self.maxConnections = maxConnections
            self.maxInFlightPerConnection = maxInFlightPerConnection
            self.drainTimeoutSeconds = drainTimeoutSeconds
            self.mapSizeMiB = mapSizeMiB
            self.masterKeyFile = masterKeyFile
            self.officialCAFile = officialCAFile
            self.officialCAKeyFile = officialCAKeyFile
            self.pcaRegions = pcaRegions
        }

        /// Reads the environment variables certd documents (`CERTD_DATA`, `CERTD_LISTEN`, ...).
        /// - Parameter environment: the process environment.
        /// - Returns: the settings found there.
        public static func fromEnvironment(_ environment: [String: String]) -> Layer {
            Layer(
                dataDirectory: environment["CERTD_DATA"],
                listen: environment["CERTD_LISTEN"],
                logLevel: environment["CERTD_LOG_LEVEL"],
                maxConnections: environment["CERTD_MAX_CONNECTIONS"],
                maxInFlightPerConnection: environment["CERTD_MAX_IN_FLIGHT"],
                drainTimeoutSeconds: environment["CERTD_DRAIN_TIMEOUT"],
                mapSizeMiB: environment["CERTD_MAP_SIZE_MIB"],
                masterKeyFile: environment["CERTD_MASTER_KEY_FILE"],
                officialCAFile: environment["CERTD_OFFICIAL_CA"],
                officialCAKeyFile: environment["CERTD_OFFICIAL_CA_KEY"],
                pcaRegions: environment["CERTD_PCA_REGIONS"],
                deployment: ServerConfiguration.deploymentSettings(fromEnvironment: environment),
                webhookCAFile: environment["CERTD_WEBHOOK_CA"]
            )
        }

        /// Parses a config file: `name = value` lines; `#` starts a comment; names as the flags
        /// without dashes (`listen`, `log-level`, `max-connections`, `max-in-flight`,
        /// `drain-timeout`, `map-size-mib`, `master-key-file`, `official-ca`, `official-ca-key`).
        /// `drain-timeout`, `map-size-mib`, `master-key-file`, `pca-regions`, `webhook-ca`).
        /// - Parameters:
        ///   - text: the file's contents.
        ///   - path: the file's path, for diagnostics.
        /// - Returns: the settings in the file.
        /// - Throws: ``ConfigurationError`` naming the file and line of the first bad line.
        public static func fromConfigFile(_ text: String, path: String) throws(ConfigurationError) -> Layer {
            var layer = Layer()
            for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                let content = String(line).trimmingWhitespace()
                if content.isEmpty { continue }
                guard let equals = content.firstIndex(of: "=") else {
                    throw .malformedConfigLine(file: path, line: index + 1)
                }
                let name = String(content[..<equals]).trimmingWhitespace()
                var value = String(String(content[content.index(after: equals)...]).trimmingWhitespace())
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                    value = String(value.dropFirst().dropLast())
                }
                switch name {
                case "listen": layer.listen = value
                case "log-level": layer.logLevel = value
                case "max-connections": layer.maxConnections = value
                case "max-in-flight": layer.maxInFlightPerConnection = value
                case "drain-timeout": layer.drainTimeoutSeconds = value
                case "map-size-mib": layer.mapSizeMiB = value
                case "master-key-file": layer.masterKeyFile = value
                case "official-ca": layer.officialCAFile = value
                case "official-ca-key": layer.officialCAKeyFile = value
                case "pca-regions": layer.pcaRegions = value
                case "webhook-ca": layer.webhookCAFile = value
                case _ where ServerConfiguration.isDeploymentSetting(String(name)):
                    layer.deployment[String(name)] = value
                default: throw .unknownSetting(name: String(name), file: path, line: index + 1)
                }
            }
            return layer
        }
    }

    /// The log levels swift-log knows, in the spelling the flags accept.
    public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// The data directory used when neither `--data-dir` nor `CERTD_DATA` is given:
    /// `$XDG_DATA_HOME/certd`, else `$HOME/.local/share/certd`.
    /// - Parameter environment: the process environment.
    /// - Returns: the directory path.
    /// - Throws: ``ConfigurationError/noHomeDirectory`` when neither variable is set.
    public static func defaultDataDirectory(environment: [String: String]) throws(ConfigurationError) -> String {
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return xdg + "/certd"
        }
        guard let home = environment["HOME"], !home.isEmpty else { throw .noHomeDirectory }
        return home + "/.local/share/certd"
    }

    /// Resolves the configuration from its three sources.
    ///
    /// The config file is the one `configFile` names, else `certd.conf` in the data directory when
    /// it exists. The data directory itself comes only from flags or environment, since the
    /// default config file lives inside it.
    /// - Parameters:
    ///   - flags: values given on the command line.
    ///   - environment: the process environment.
    ///   - configFile: an explicit config file path (`--config` or `CERTD_CONFIG`), or `nil`.
    /// - Returns: the validated configuration.
    /// - Throws: ``ConfigurationError`` for the first invalid setting.
    public static func resolve(
        flags: Layer,
        environment: [String: String],
        configFile: String?
    ) throws(ConfigurationError) -> ServerConfiguration {
        let env = Layer.fromEnvironment(environment)
        let dataDirectory: String
        if let chosen = flags.dataDirectory ?? env.dataDirectory {
            dataDirectory = chosen
        } else {
            dataDirectory = try defaultDataDirectory(environment: environment)
        }
        let explicitFile = configFile ?? environment["CERTD_CONFIG"]
        let filePath = explicitFile ?? dataDirectory + "/certd.conf"
        var file = Layer()
        if explicitFile != nil || FileManager.default.fileExists(atPath: filePath) {
            let text: String
            do {
                text = try String(contentsOfFile: filePath, encoding: .utf8)
            } catch {
                throw .unreadableConfigFile(path: filePath, reason: "\(error.localizedDescription)")
            }
            file = try Layer.fromConfigFile(text, path: filePath)
        }
        func pick(_ key: KeyPath<Layer, String?>) -> String? {
            flags[keyPath: key] ?? env[keyPath: key] ?? file[keyPath: key]
        }
        func integer(_ key: KeyPath<Layer, String?>, _ name: String, default value: Int, minimum: Int)
            throws(ConfigurationError) -> Int
        {
            guard let text = pick(key) else { return value }
            guard let number = Int(text), number >= minimum else {
                throw .invalidValue(setting: name, value: text, expected: "a whole number of at least \(minimum)")
            }
            return number
        }
        var listen = ListenAddress.defaultAddress
        if let text = pick(\.listen) {
            listen = try ListenAddress(parsing: text)
        }
        let logLevel = pick(\.logLevel) ?? "info"
        guard logLevels.contains(logLevel) else {
            throw .invalidValue(setting: "log-level", value: logLevel, expected: logLevels.joined(separator: ", "))
        }
        let officialCAFile = pick(\.officialCAFile)
        let officialCAKeyFile = pick(\.officialCAKeyFile)
        if (officialCAFile == nil) != (officialCAKeyFile == nil) {
            throw .invalidValue(
                setting: officialCAFile == nil ? "official-ca" : "official-ca-key", value: "",
                expected: "official-ca and official-ca-key to be set together (the CA certificate and its key)")
        }
        var pcaRegions = Self.defaultPCARegions
        if let text = pick(\.pcaRegions) {
            pcaRegions = try Self.regions(text)
        }
        var configuration = ServerConfiguration(
            dataDirectory: dataDirectory,
            listen: listen,
            logLevel: logLevel,
            maxConnections: try integer(\.maxConnections, "max-connections", default: 1024, minimum: 0),
            maxInFlightPerConnection: try integer(
                \.maxInFlightPerConnection, "max-in-flight", default: 4096, minimum: 0),
            drainTimeoutSeconds: try integer(\.drainTimeoutSeconds, "drain-timeout", default: 10, minimum: 0),
            mapSizeMiB: try integer(\.mapSizeMiB, "map-size-mib", default: 8192, minimum: 16),
            masterKeyFile: pick(\.masterKeyFile) ?? dataDirectory + "/master.key",
            officialCAFile: officialCAFile,
            officialCAKeyFile: officialCAKeyFile,
            deployment: try Self.resolveDeployment(
                flags.deployment.merging(env.deployment.merging(file.deployment) { env, _ in env }) { flag, _ in flag })
        )
        configuration.pcaRegions = pcaRegions
        if let webhookCA = pick(\.webhookCAFile), !webhookCA.isEmpty {
            guard FileManager.default.isReadableFile(atPath: webhookCA) else {
                throw .invalidValue(
                    setting: "webhook-ca", value: webhookCA,
                    expected: "a readable PEM file of the CA certificates private https webhook receivers use")
            }
            configuration.webhookCAFile = webhookCA
        }
        return configuration
    }

    /// Parses a comma-separated region list: ids of lowercase letters, digits and '-', no duplicates.
    /// - Throws: ``ConfigurationError/invalidValue(setting:value:expected:)`` naming `pca-regions`.
    static func regions(_ text: String) throws(ConfigurationError) -> [String] {
        let regions = text.split(separator: ",").map { String(String($0).trimmingWhitespace()) }
        let valid =
            !regions.isEmpty && Set(regions).count == regions.count
            && regions.allSatisfy { region in
                !region.isEmpty && region.count <= 64
                    && region.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
            }
        guard valid else {
            throw .invalidValue(
                setting: "pca-regions", value: text,
                expected: "comma-separated distinct region ids of lowercase letters, digits and '-' (cn-hangzhou)")
        }
        return regions
    }
}
