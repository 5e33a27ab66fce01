public import CertDomain
import NIOCore
import NIOPosix

/// certd's ``DeploymentExecutor``: routes each target kind to the file, command or webhook
/// executor, product kinds by the operator's ``DeploymentSettings/productRoutes``.
///
/// Invariants: a product kind without a route is refused with a message naming the setting; the
/// resource id and region reach the executor (environment, payload or directory), never as shell
/// text.
/// Isolation: a `Sendable` value.
public struct DeploymentExecutors: DeploymentExecutor {
    let settings: DeploymentSettings
    let file: FileDeploymentExecutor
    let command: CommandDeploymentExecutor
    let webhook: WebhookDeploymentExecutor

    /// - Parameters:
    ///   - settings: the operator's deployment settings.
    ///   - webhookTrust: the CAs https webhook targets are verified against (system bundle plus
    ///     `--webhook-ca`).
    public init(settings: DeploymentSettings, webhookTrust: WebhookTrust = WebhookTrust()) {
        self.settings = settings
        let programs = ProgramRunner(
            directory: settings.commandDirectory, timeoutSeconds: settings.commandTimeoutSeconds)
        self.file = FileDeploymentExecutor(root: settings.fileRoot, programs: programs)
        self.command = CommandDeploymentExecutor(programs: programs)
        self.webhook = WebhookDeploymentExecutor(
            timeoutSeconds: settings.webhookTimeoutSeconds,
            client: WebhookClient(group: MultiThreadedEventLoopGroup.singleton, trust: webhookTrust))
    }

    public func deploy(_ material: DeploymentMaterial, to target: DeploymentTarget) async throws(DeploymentFailure) {
        let environment = Self.environment(material, target)
        switch target.kind {
        case .file:
            try await self.file.deploy(
                material, relativeDirectory: target.settings["directory"] ?? "", settings: target.settings,
                environment: environment)
        case .command:
            try await self.command.deploy(material, command: target.settings["command"] ?? "", environment: environment)
        case .webhook:
            try await self.webhook.deploy(material, url: target.settings["url"] ?? "", target: target)
        case .slb, .cdn, .waf, .ecs, .simpleAppServer:
            guard let route = self.settings.productRoutes[target.kind] else {
                throw .rejected(
                    "no executor is configured for \(target.kind.rawValue) targets; the operator sets "
                        + "deploy-product-\(target.kind.rawValue)")
            }
            switch route {
            case .file(let directory):
                let safe = { (text: String) in
                    String(text.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
                }
                try await self.file.deploy(
                    material,
                    relativeDirectory: "\(directory)/\(safe(target.region))/\(safe(target.resourceID))",
                    settings: target.settings, environment: environment)
            case .command(let name):
                try await self.command.deploy(material, command: name, environment: environment)
            case .webhook(let url):
                try await self.webhook.deploy(material, url: url, target: target)
            }
        }
    }

    /// The facts every program sees: ids, names, kind, resource id, region, fingerprint.
    static func environment(_ material: DeploymentMaterial, _ target: DeploymentTarget) -> [String: String] {
        [
            "CERTD_CERTIFICATE_ID": material.certificateID,
            "CERTD_CERTIFICATE_NAME": material.certificateName,
            "CERTD_FINGERPRINT_SHA256": material.fingerprintSHA256,
            "CERTD_TARGET_ID": target.id.rawValue,
            "CERTD_TARGET_NAME": target.name,
            "CERTD_TARGET_KIND": target.kind.rawValue,
            "CERTD_RESOURCE_ID": target.resourceID,
            "CERTD_REGION": target.region,
        ]
    }
}
