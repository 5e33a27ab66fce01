import CertCrypto
import CertDomain
import CertRPC
import CertServer
import CertStore
import CertTLS
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// Wires certd together and runs it: store, domain actors, services, RPC server, signals.
///
/// Role: the body of `certd serve` (and the store half of `certd init`). Order on start:
/// identities, store, admin account, server; on SIGTERM/SIGINT: Health says `notServing`, the
/// server stops accepting and drains calls in flight (up to the drain timeout), and only then
/// is the store closed.
/// Isolation: used from the main task; everything it builds is `Sendable`.
struct ServerRuntime {
    let configuration: ServerConfiguration
    let logger: Logger
    /// Metrics endpoint, notification scheduler, SMTP relay and clock (issue 7).
    var monitoring = MonitoringConfiguration()

    var directory: DataDirectory { DataDirectory(path: self.configuration.dataDirectory) }

    /// Opens the store, runs `body` with it and closes it afterwards, also when `body` throws.
    func withStore<T>(_ body: (LMDBInventoryStore) async throws -> T) async throws -> T {
        let mapSize = self.configuration.mapSizeMiB << 20
        let store: LMDBInventoryStore
        do {
            // LMDB would create the directory 0755; the data directory is 0700 anyway, but keep
            // every level private.
            try FileManager.default.createDirectory(
                atPath: self.directory.store, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            store = try LMDBInventoryStore(
                directory: self.directory.store,
                configuration: .init(mapSize: mapSize, maximumMapSize: max(mapSize, 64 << 30))
            )
        } catch {
            throw StartupError.storeUnavailable(path: self.directory.store, reason: "\(error)")
        }
        do {
            let result = try await body(store)
            store.close()
            return result
        } catch {
            store.close()
            throw error
        }
    }

    /// Makes sure the admin account exists and is bound to `admin.pem`'s fingerprint: on first start,
    /// and again on a start after a crash between writing the identities and creating the account.
    /// - Returns: whether the account was created now.
    @discardableResult
    func ensureAdmin(accounts: AccountDirectory, identity: ServiceIdentity) async throws -> Bool {
        guard !identity.adminFingerprint.isEmpty else { return false }
        let admin = NewAccount(
            id: ServiceIdentity.adminAccountID,
            displayName: "certd administrator",
            verifiedIdentity: VerifiedIdentity(name: "certd administrator", kind: .legalEntity, isVerified: false),
            site: .international,
            role: .admin,
            clientCertificateFingerprints: [identity.adminFingerprint]
        )
        do {
            _ = try await accounts.createInitialAdmin(admin)
            self.logger.notice("created the admin account", metadata: ["account": "\(admin.id)"])
            return true
        } catch .accountAlreadyExists {
            return false
        } catch {
            throw StartupError.adminNotCreated(reason: "\(error)")
        }
    }

    /// Serves until SIGTERM or SIGINT, then drains and closes the store.
    /// - Parameters:
    ///   - identity: the loaded or freshly created identities.
    ///   - announce: called once the listener is bound, with the real port.
    ///   - announceMetrics: called with the metrics endpoint's real port, when it is enabled.
    func serve(
        identity: ServiceIdentity,
        announce: @escaping @Sendable (Int) -> Void,
        announceMetrics: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws {
        let directory = self.directory
        let configuration = self.configuration
        let monitoring = self.monitoring
        let logger = self.logger
        try await self.withStore { store in
            let clock = monitoring.wallClock
            let accounts = AccountDirectory(store: store, clock: clock)
            try await self.ensureAdmin(accounts: accounts, identity: identity)
            let health = HealthHandler(version: CertdVersion.current)
            let sealer = Sealer(masterKey: identity.masterKey)
            let inventory = CertificateInventory(store: store, clock: clock, sealer: sealer)
            let issuers = try await self.officialIssuers(store: store, clock: clock, sealer: sealer)
            let official = OfficialCertificates(
                store: store, clock: clock, sealer: sealer, issuer: issuers.issuer, sm2Issuer: issuers.sm2)
            let privateCA = PrivateCertificateAuthorities(
                store: store, clock: clock, sealer: sealer, regions: configuration.pcaRegions)
            let renewal = CertificateRenewal(inventory: inventory, official: official, privateCA: privateCA)
            let notifications = ExpiryNotifications(store: store, clock: clock, renewer: renewal)
            let monitor = InventoryMonitor(store: store, clock: clock)
            // One trust (system bundle plus --webhook-ca) for both webhook senders and the SMTP relay.
            let webhookTrust = WebhookTrust(caFile: configuration.webhookCAFile)
            let deployments = DeploymentBoard(
                store: store, clock: clock, sealer: sealer,
                executor: DeploymentExecutors(settings: configuration.deployment, webhookTrust: webhookTrust),
                probe: OpenSSLEndpointProbe(timeoutSeconds: configuration.deployment.verifyTimeoutSeconds),
                policy: configuration.deployment.policy)
            let rpcMetrics = RPCMetrics()
            var services = CertdServices.make(
                accounts: accounts,
                inventory: inventory,
                auditLog: AuditLog(store: store),
                credentialIssuer: CertificateAuthorityCredentialIssuer(authority: identity.authority),
                health: health,
                logger: logger,
                monitor: monitor,
                notifications: notifications,
                official: official,
                sharing: CertificateSharing(store: store, clock: clock),
                renewal: renewal,
                privateCA: privateCA,
                deployments: deployments
            )
            var lifecycleServices: [any Service] = [
                NotificationScheduler(
                    notifications: notifications,
                    deliverer: NetworkNoticeDelivery(
                        smtpRelay: monitoring.smtpRelay, smtpFrom: monitoring.smtpFrom, smtpTLS: monitoring.smtpTLS,
                        smtpCredentials: monitoring.smtpCredentials, webhookTrust: webhookTrust),
                    interval: monitoring.notifyInterval, logger: logger)
            ]
            if let address = monitoring.metrics {
                services = CertdServices.metered(services, metrics: rpcMetrics)
                let endpoint: MetricsEndpoint
                do {
                    endpoint = try await MetricsEndpoint.bind(
                        address: address, exposition: MetricsExposition(monitor: monitor, rpcMetrics: rpcMetrics),
                        logger: logger)
                } catch {
                    throw StartupError.serverFailed(address: "\(address) (metrics)", reason: "\(error)")
                }
                logger.info("metrics on http://\(ListenAddress(host: address.host, port: endpoint.port))/metrics")
                announceMetrics(endpoint.port)
                lifecycleServices.append(endpoint)
            }
            let tls = TLSConfiguration.server(
                certificateChain: .file(directory.serverCertificate),
                privateKey: .file(directory.serverKey),
                trustedCA: .file(directory.caCertificate)
            )
            var serverConfiguration = RPCServerConfiguration(
                host: configuration.listen.host,
                port: configuration.listen.port,
                tls: tls,
                maxConnections: configuration.maxConnections == 0 ? nil : configuration.maxConnections,
                maxCallsInFlightPerConnection: configuration.maxInFlightPerConnection == 0
                    ? nil : configuration.maxInFlightPerConnection,
                drainTimeout: .seconds(configuration.drainTimeoutSeconds)
            )
            serverConfiguration.inlineMethodIDs = CertdServices.inlineMethodIDs
            let server: RPCServer
            do {
                server = try RPCServer(
                    configuration: serverConfiguration,
                    services: services,
                    logger: logger
                )
            } catch {
                throw StartupError.serverFailed(address: "\(configuration.listen)", reason: "\(error)")
            }
            let group = ServiceGroup(
                services: [
                    server, HealthDrainService(health: health),
                    DeploymentRunnerService(board: deployments, logger: logger),
                ] + lifecycleServices,
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
            do {
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await group.run() }
                    tasks.addTask {
                        // Fails only when binding failed; group.run() reports that error.
                        if let port = try? await server.localPort {
                            logger.info("listening on \(ListenAddress(host: configuration.listen.host, port: port))")
                            announce(port)
                        }
                    }
                    try await tasks.waitForAll()
                }
            } catch {
                throw StartupError.serverFailed(address: "\(configuration.listen)", reason: "\(error)")
            }
            logger.info("drained; closing the store")
        }
    }
}
