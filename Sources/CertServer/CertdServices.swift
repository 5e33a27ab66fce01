import CertAPI
public import CertDomain
public import CertWire
public import Logging

/// Builds every RPC service certd serves: the single entry point the `certd` executable calls.
///
/// Role: wires the domain (accounts, inventory, audit log) and the credential issuer into the
/// generated dispatchers, so the executable never sees a handler type.
/// Isolation: a namespace; the returned services are `Sendable` values.
public enum CertdServices {
    /// The dispatchers for Health, Echo, Accounts, Certificates, CSRs, Tools and Audit.
    /// - Parameters:
    ///   - accounts: the account directory (also used to authenticate every call).
    ///   - inventory: certificates and CSRs.
    ///   - auditLog: the hash-chained audit log.
    ///   - credentialIssuer: mints client certificates for `Accounts/IssueCredentials`.
    ///   - health: the health handler; keep it to call ``HealthHandler/markDraining()`` on shutdown.
    ///   - logger: receives server-side failures with their request id.
    ///   - monitor: when given, also serves Monitoring (issue 7).
    ///   - notifications: when given, also serves Notifications and Tasks (issue 7).
    ///   - official: official certificates (issue 6); nil serves no Official service.
    ///   - sharing: sharing between accounts (issue 6); nil serves no Sharing service.
    ///   - renewal: renews by source for Official/Renew; nil renews official entries only.
    ///   - privateCA: the private CAs (issue 6); the PrivateCA service is served only when given.
    ///   - deployments: deployment targets and jobs (adds the Deployments service and
    ///     `Certificates/ReplaceCertificate`); nil serves neither.
    /// - Returns: one `RPCService` per service, ready for the RPC server.
    public static func make(
        accounts: AccountDirectory,
        inventory: CertificateInventory,
        auditLog: AuditLog,
        credentialIssuer: any CredentialIssuer,
        health: HealthHandler,
        logger: Logger,
        monitor: InventoryMonitor? = nil,
        notifications: ExpiryNotifications? = nil,
        official: OfficialCertificates? = nil,
        sharing: CertificateSharing? = nil,
        renewal: (any CertificateRenewing)? = nil,
        privateCA: PrivateCertificateAuthorities? = nil,
        deployments: DeploymentBoard? = nil
    ) -> [any RPCService] {
        let gateway = DomainGateway(accounts: accounts, inventory: inventory, auditLog: auditLog, logger: logger)
        var services: [any RPCService] = [
            HealthService.Dispatcher(handler: health),
            EchoService.Dispatcher(handler: EchoHandler()),
            AccountsService.Dispatcher(
                handler: AccountsHandler(gateway: gateway, credentialIssuer: credentialIssuer)),
            CertificatesService.Dispatcher(handler: CertificatesHandler(gateway: gateway, deployments: deployments)),
            CSRsService.Dispatcher(handler: CSRsHandler(gateway: gateway)),
            ToolsService.Dispatcher(handler: ToolsHandler(gateway: gateway)),
            AuditService.Dispatcher(handler: AuditHandler(gateway: gateway)),
        ]
        if let monitor {
            services.append(
                MonitoringService.Dispatcher(handler: MonitoringHandler(gateway: gateway, monitor: monitor)))
        }
        if let notifications {
            services.append(
                NotificationsService.Dispatcher(
                    handler: NotificationsHandler(gateway: gateway, notifications: notifications)))
            services.append(
                TasksService.Dispatcher(handler: TasksHandler(gateway: gateway, notifications: notifications)))
        }
        if let official {
            services.append(
                OfficialService.Dispatcher(
                    handler: OfficialHandler(
                        gateway: gateway, official: official,
                        renewal: renewal ?? CertificateRenewal(inventory: inventory, official: official))))
        }
        if let sharing {
            services.append(SharingService.Dispatcher(handler: SharingHandler(gateway: gateway, sharing: sharing)))
        }
        if let privateCA {
            services.append(
                PrivateCAService.Dispatcher(handler: PrivateCAHandler(gateway: gateway, authorities: privateCA)))
        }
        if let deployments {
            services.append(
                DeploymentsService.Dispatcher(handler: DeploymentsHandler(gateway: gateway, board: deployments)))
        }
        return services
    }

    /// The methods the RPC server may start on a connection's event loop
    /// (`RPCServerConfiguration.inlineMethodIDs`): reads that answer without suspending, in tens
    /// of microseconds (point reads) or a few hundred (one bounded page of the certificate list:
    /// starting it on the pool cost 22% of list throughput). Everything else (uploads and their
    /// certificate parsing, key generation, signing, PKCS#12 and JKS conversion) starts on the task
    /// pool, so one slow call never holds up the other calls of that loop's connections.
    public static let inlineMethodIDs: Set<UInt32> = [
        HealthService.Method.check.id,
        EchoService.Method.echo.id,
        AccountsService.Method.getAccount.id,
        AccountsService.Method.whoAmI.id,
        CertificatesService.Method.getCertificate.id,
        CertificatesService.Method.listCertificates.id,
        CSRsService.Method.getCSR.id,
    ]

    /// Wraps every service so that each call is counted and timed in `metrics` (the metrics seam of
    /// the RPC server, outside CertRPC).
    /// - Parameters:
    ///   - services: the services that `make` returned.
    ///   - metrics: where calls, errors and latency are recorded.
    /// - Returns: the wrapped services, same methods.
    public static func metered(_ services: [any RPCService], metrics: RPCMetrics) -> [any RPCService] {
        services.map { MeteredRPCService($0, metrics: metrics) }
    }
}
