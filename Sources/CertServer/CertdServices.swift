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
        if let deployments {
            services.append(
                DeploymentsService.Dispatcher(handler: DeploymentsHandler(gateway: gateway, board: deployments)))
        }
        return services
    }
}
