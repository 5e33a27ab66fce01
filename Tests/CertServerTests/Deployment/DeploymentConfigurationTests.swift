import CertDomain
import CertServer
import Foundation
import Testing

@Suite("Deployment settings: flags, environment, config file")
struct DeploymentConfigurationTests {
    @Test("defaults: no file root, no command directory, 5 attempts, 2 s base, no product routes")
    func defaults() throws {
        let config = try ServerConfiguration.resolve(
            flags: .init(), environment: ["HOME": "/home/ops"], configFile: nil)
        #expect(config.deployment == DeploymentSettings())
        #expect(config.deployment.policy == DeploymentPolicy(maximumAttempts: 5, baseDelay: 2, maximumDelay: 300))
    }

    @Test("config file lines, environment and flags combine with the usual precedence")
    func precedence() throws {
        let layer = try ServerConfiguration.Layer.fromConfigFile(
            """
            deploy-file-root = /srv/certs
            deploy-max-attempts = 7
            deploy-product-slb = command:slb-upload
            deploy-product-cdn = webhook:http://127.0.0.1:8080/cdn
            """, path: "c.conf")
        #expect(layer.deployment["deploy-file-root"] == "/srv/certs")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("certd-deploy-config-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "deploy-file-root = /srv/certs\ndeploy-max-attempts = 7\ndeploy-product-slb = command:slb-upload\n"
            .write(to: directory.appendingPathComponent("certd.conf"), atomically: true, encoding: .utf8)
        let config = try ServerConfiguration.resolve(
            flags: .init(dataDirectory: directory.path, deployment: ["deploy-max-attempts": "9"]),
            environment: ["CERTD_DEPLOY_COMMAND_DIR": "/opt/certd/bin", "CERTD_DEPLOY_MAX_ATTEMPTS": "8"],
            configFile: nil)
        #expect(config.deployment.fileRoot == "/srv/certs")
        #expect(config.deployment.commandDirectory == "/opt/certd/bin")
        #expect(config.deployment.maximumAttempts == 9)
        #expect(config.deployment.productRoutes == [.slb: .command(name: "slb-upload")])
    }

    @Test("bad values name the setting")
    func refusals() {
        #expect(
            throws: ConfigurationError.invalidValue(
                setting: "deploy-product-waf", value: "ftp:x",
                expected: "file:DIR, command:NAME or webhook:https://URL (or http://)")
        ) {
            try ServerConfiguration.resolve(
                flags: .init(dataDirectory: "/nonexistent", deployment: ["deploy-product-waf": "ftp:x"]),
                environment: [:], configFile: nil)
        }
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.resolve(
                flags: .init(dataDirectory: "/nonexistent", deployment: ["deploy-max-attempts": "0"]),
                environment: [:], configFile: nil)
        }
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.resolve(
                flags: .init(dataDirectory: "/nonexistent", deployment: ["deploy-product-blimp": "command:x"]),
                environment: [:], configFile: nil)
        }
        #expect(throws: ConfigurationError.unknownSetting(name: "deploy-colour", file: "c.conf", line: 1)) {
            try ServerConfiguration.Layer.fromConfigFile("deploy-colour = red\n", path: "c.conf")
        }
    }
}
