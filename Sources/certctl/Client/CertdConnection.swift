import CertAPI
import CertRPC
import CertTLS
import CertWire
import Foundation

/// One mutual-TLS connection to certd for the duration of a command, with the generated clients.
///
/// Role: the only place certctl turns ``GlobalOptions`` into an ``RPCClient``; every command calls
/// ``with(_:_:)`` once, so an invocation connects once.
/// Invariant: the client is closed when `with` returns or throws.
/// Isolation: `Sendable`; used from the command's task only.
struct CertdConnection: Sendable {
    /// The transport every generated client below shares.
    let transport: RPCClient
    /// Per-call options (the `--timeout`).
    let callOptions: CallOptions

    var health: HealthService.Client { HealthService.Client(transport: self.transport) }
    var accounts: AccountsService.Client { AccountsService.Client(transport: self.transport) }
    var certificates: CertificatesService.Client { CertificatesService.Client(transport: self.transport) }
    var csrs: CSRsService.Client { CSRsService.Client(transport: self.transport) }
    var tools: ToolsService.Client { ToolsService.Client(transport: self.transport) }
    var audit: AuditService.Client { AuditService.Client(transport: self.transport) }
    var monitoring: MonitoringService.Client { MonitoringService.Client(transport: self.transport) }
    var notifications: NotificationsService.Client { NotificationsService.Client(transport: self.transport) }
    var tasks: TasksService.Client { TasksService.Client(transport: self.transport) }
    var official: OfficialService.Client { OfficialService.Client(transport: self.transport) }
    var sharing: SharingService.Client { SharingService.Client(transport: self.transport) }
    var privateCA: PrivateCAService.Client { PrivateCAService.Client(transport: self.transport) }
    var deployments: DeploymentsService.Client { DeploymentsService.Client(transport: self.transport) }

    /// Connects with the options' address and credentials, runs `body`, then closes the connection.
    /// - Parameters:
    ///   - options: the global options of the command.
    ///   - body: the calls to make.
    /// - Returns: what `body` returns.
    /// - Throws: ``CertctlError`` for missing or unusable credentials; `RPCError` from the calls.
    static func with<T: Sendable>(
        _ options: GlobalOptions,
        _ body: (CertdConnection) async throws -> T
    ) async throws -> T {
        let environment = ProcessInfo.processInfo.environment
        let address = try ServerAddress(
            parsing: options.server ?? environment["CERTD_SERVER"].nonEmpty ?? DefaultCredentials.server)
        let dataDirectory = DefaultCredentials.dataDirectory(environment: environment)
        let caPath = try Self.credentialPath(
            flag: options.ca, option: "--ca", variable: "CERTD_CA", kind: "CA certificate",
            defaultPath: dataDirectory + "/" + DefaultCredentials.caFileName, environment: environment)
        let certificatePath = try Self.credentialPath(
            flag: options.clientCertificate, option: "--cert/--client-cert", variable: "CERTD_CERT",
            kind: "client certificate",
            defaultPath: dataDirectory + "/" + DefaultCredentials.certificateFileName, environment: environment)
        let keyPath = try Self.credentialPath(
            flag: options.clientKey, option: "--key/--client-key", variable: "CERTD_KEY", kind: "client key",
            defaultPath: dataDirectory + "/" + DefaultCredentials.keyFileName, environment: environment)

        let timeout = Duration.milliseconds(Int64((options.timeout * 1000).rounded(.up)))
        let configuration = RPCClientConfiguration(
            host: address.host,
            port: address.port,
            tls: .client(
                certificateChain: .file(certificatePath),
                privateKey: .file(keyPath),
                trustedCA: .file(caPath),
                serverName: address.host
            ),
            connectTimeout: timeout,
            // One short-lived command: pings would only add traffic.
            keepAliveInterval: nil
        )
        let client: RPCClient
        do {
            client = try RPCClient(configuration: configuration)
        } catch {
            throw CertctlError.credentialsUnusable(detail: "\(error)")
        }
        let connection = CertdConnection(transport: client, callOptions: CallOptions(timeout: timeout))
        do {
            let result = try await body(connection)
            await client.close()
            return result
        } catch let error as RPCError where error.status == .unavailable {
            await client.close()
            throw RPCError(
                .unavailable, "cannot reach certd at \(address.host):\(address.port) (\(Self.cause(of: error)))",
                reason: error.reason)
        } catch {
            await client.close()
            throw error
        }
    }

    /// A short cause instead of NIO's full connection-error dump.
    private static func cause(of error: RPCError) -> String {
        let message = error.message.lowercased()
        if message.contains("connection refused") { return "connection refused" }
        if message.contains("timed out") || message.contains("timeout") { return "timed out" }
        if message.contains("no route") || message.contains("unreachable") { return "network unreachable" }
        if message.contains("resolve") || message.contains("name or service") { return "unknown host" }
        return error.message
    }

    /// The path of one credential file: flag, then variable, then the data directory default.
    /// - Throws: ``CertctlError/missingCredential(kind:path:option:variable:)`` when it does not exist.
    private static func credentialPath(
        flag: String?,
        option: String,
        variable: String,
        kind: String,
        defaultPath: String,
        environment: [String: String]
    ) throws(CertctlError) -> String {
        let path = flag ?? environment[variable].nonEmpty ?? defaultPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw .missingCredential(kind: kind, path: path, option: option, variable: variable)
        }
        return path
    }
}

extension Optional where Wrapped == String {
    /// `nil` for an empty string too, so that `CERTD_SERVER=` means "not set".
    fileprivate var nonEmpty: String? {
        guard let value = self, !value.isEmpty else { return nil }
        return value
    }
}
