import ArgumentParser
import CertAPI

/// `certctl target create`: a file, command, webhook or product target.
///
/// Role: turns the convenience flags (`--directory`, `--command`, `--url`) into settings and sends
/// one CreateTarget call.
/// Isolation: runs on the command's task.
struct TargetCreateCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a deployment target.",
        discussion: """
            Kinds: file (--directory, relative to the operator's deploy-file-root), command (--command, a \
            program in the operator's deploy-command-dir), webhook (--url), and the products slb, cdn, waf, \
            ecs, simpleAppServer (--resource-id and --region; executed as the operator configured). With \
            --verify HOST:PORT certd checks after each deployment that the endpoint serves the certificate.
            """
    )

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Option(help: "Name of the target, unique in the account.")
    var name: String

    @Option(help: "file, command, webhook, slb, cdn, waf, ecs or simpleAppServer.")
    var kind: String

    @Option(help: ArgumentHelp("file: directory under the deployment root.", valueName: "dir"))
    var directory: String?

    @Option(help: ArgumentHelp("command: program name in the command directory.", valueName: "name"))
    var command: String?

    @Option(
        help: ArgumentHelp(
            "webhook: the https:// (or http://) URL to POST to; with --allow-key it must be https:// unless the "
                + "host is 127.0.0.1, ::1 or localhost.",
            valueName: "url"))
    var url: String?

    @Option(name: .customLong("resource-id"), help: "Products: the resource id.")
    var resourceID: String = ""

    @Option(help: "Products: the region.")
    var region: String = ""

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Another setting, repeatable (file: certificateFile, chainFile, fullChainFile, keyFile, "
                + "certificateMode, keyMode, reloadCommand).",
            valueName: "key=value"))
    var settings: [String] = []

    @Option(help: ArgumentHelp("TLS endpoint to verify after deploying.", valueName: "host:port"))
    var verify: String?

    @Option(help: ArgumentHelp("SNI name for --verify.", valueName: "name"))
    var sni: String?

    @Flag(
        inversion: .prefixedNo,
        help: "Whether the private key is sent (default: yes, except for webhooks).")
    var allowKey: Bool?

    func run() async throws {
        guard let kind = DeploymentTargetKind.named[self.kind] else {
            throw CertctlError.invalidArgument(
                "--kind \(self.kind): expected one of "
                    + DeploymentTargetKind.named.keys.sorted().joined(separator: ", "))
        }
        var settings: [String: String] = [:]
        for pair in self.settings {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw CertctlError.invalidArgument("--set \(pair): expected KEY=VALUE, e.g. --set keyMode=0640")
            }
            settings[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        if let directory { settings["directory"] = directory }
        if let command { settings["command"] = command }
        if let url { settings["url"] = url }
        var endpoint: VerifyEndpoint?
        if let verify {
            guard let colon = verify.lastIndex(of: ":"), let port = UInt32(verify[verify.index(after: colon)...]) else {
                throw CertctlError.invalidArgument("--verify \(verify): expected HOST:PORT, e.g. 127.0.0.1:8443")
            }
            var host = String(verify[..<colon])
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            endpoint = VerifyEndpoint(host: host, port: port, serverName: self.sni ?? "")
        }
        let request = CreateTargetRequest(
            name: self.name, kind: kind, resourceID: self.resourceID, region: self.region, settings: settings,
            verifyEndpoint: endpoint, allowKey: self.allowKey)
        let target = try await CertdConnection.with(self.global) { connection in
            try await connection.deployments.createTarget(request, options: connection.callOptions)
        }
        if self.global.json {
            try Console.printJSON(DeploymentTargetJSON(target))
        } else {
            Console.print("created \(target.id) (\(target.name), \(target.kind.name))")
        }
    }
}
