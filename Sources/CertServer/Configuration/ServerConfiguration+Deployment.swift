import CertDomain
import Foundation

extension ServerConfiguration {
    /// The `deploy-*` settings with a single value (product routes are `deploy-product-<kind>`).
    static let deploymentSettingNames = [
        "deploy-file-root", "deploy-command-dir", "deploy-command-timeout", "deploy-webhook-timeout",
        "deploy-verify-timeout", "deploy-max-attempts", "deploy-retry-base",
    ]

    /// Whether `name` is a deployment setting of the config file.
    static func isDeploymentSetting(_ name: String) -> Bool {
        self.deploymentSettingNames.contains(name)
            || ProductRoute.productKinds.contains { name == "deploy-product-\($0.rawValue)" }
    }

    /// Every deployment setting name, product routes included (for flags, docs and the environment).
    static var allDeploymentSettingNames: [String] {
        self.deploymentSettingNames + ProductRoute.productKinds.map { "deploy-product-\($0.rawValue)" }
    }

    /// `CERTD_DEPLOY_FILE_ROOT`, ..., `CERTD_DEPLOY_PRODUCT_SLB`: upper case, dashes as underscores.
    static func deploymentSettings(fromEnvironment environment: [String: String]) -> [String: String] {
        var settings: [String: String] = [:]
        for name in self.allDeploymentSettingNames {
            let variable = "CERTD_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
            if let value = environment[variable], !value.isEmpty { settings[name] = value }
        }
        return settings
    }

    /// Validates the merged `deploy-*` settings.
    /// - Throws: ``ConfigurationError/invalidValue(setting:value:expected:)`` naming the setting.
    static func resolveDeployment(_ values: [String: String]) throws(ConfigurationError) -> DeploymentSettings {
        if let unknown = values.keys.sorted().first(where: { !self.isDeploymentSetting($0) }) {
            throw .invalidValue(
                setting: "deploy-product", value: String(unknown.dropFirst("deploy-product-".count)),
                expected: "KIND=ROUTE with KIND one of "
                    + ProductRoute.productKinds.map(\.rawValue).joined(separator: ", "))
        }
        func integer(_ name: String, default value: Int, range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
            guard let text = values[name] else { return value }
            guard let number = Int(text), range.contains(number) else {
                throw .invalidValue(
                    setting: name, value: text,
                    expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }
        var routes: [DeploymentTargetKind: ProductRoute] = [:]
        for kind in ProductRoute.productKinds {
            let name = "deploy-product-\(kind.rawValue)"
            guard let text = values[name] else { continue }
            guard let route = ProductRoute(parsing: text) else {
                throw .invalidValue(
                    setting: name, value: text, expected: "file:DIR, command:NAME or webhook:https://URL (or http://)")
            }
            routes[kind] = route
        }
        return DeploymentSettings(
            fileRoot: values["deploy-file-root"].flatMap { $0.isEmpty ? nil : $0 },
            commandDirectory: values["deploy-command-dir"].flatMap { $0.isEmpty ? nil : $0 },
            commandTimeoutSeconds: try integer("deploy-command-timeout", default: 60, range: 1...3600),
            webhookTimeoutSeconds: try integer("deploy-webhook-timeout", default: 10, range: 1...300),
            verifyTimeoutSeconds: try integer("deploy-verify-timeout", default: 5, range: 1...120),
            maximumAttempts: try integer("deploy-max-attempts", default: 5, range: 1...100),
            retryBaseSeconds: try integer("deploy-retry-base", default: 2, range: 0...3600),
            productRoutes: routes)
    }
}
