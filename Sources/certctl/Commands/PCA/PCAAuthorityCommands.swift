import ArgumentParser
import CertAPI

/// `certctl pca root create|list`.
///
/// Isolation: a command namespace.
struct PCARootCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "root", abstract: "Root CAs.", subcommands: [PCARootCreateCommand.self, PCARootListCommand.self])
}

/// `certctl pca intermediate create|list`.
///
/// Isolation: a command namespace.
struct PCAIntermediateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intermediate", abstract: "Intermediate CAs.",
        subcommands: [PCAIntermediateCreateCommand.self, PCAIntermediateListCommand.self])
}

/// `certctl pca root create --region R --cn NAME [--algorithm] [--days] [--path-length]`.
///
/// Isolation: runs on the command's task.
struct PCARootCreateCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a self-signed root CA (key generated and kept by certd).")

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Option(help: "The region (see `pca region list`).")
    var region: String

    @Option(help: "Common name of the CA.")
    var cn: String

    @Option(name: .customLong("org"), help: "Organization (O).")
    var organization: String?

    @Option(help: "Two-letter country code (C).")
    var country: String?

    @Option(help: "Key algorithm.")
    var algorithm: CSRCreateCommand.Algorithm = .ecp256

    @Option(help: "Validity in days (1-7300).")
    var days: UInt32 = 3650

    @Option(name: .customLong("path-length"), help: "basicConstraints path length; omit for unlimited.")
    var pathLength: Int32?

    func run() async throws {
        let request = CreatePCARootRequest(
            region: self.region, commonName: self.cn, organization: self.organization ?? "",
            country: self.country ?? "", keyType: self.algorithm.wire, validityDays: self.days,
            pathLength: self.pathLength)
        let authority = try await CertdConnection.with(self.global) { connection in
            try await connection.privateCA.createRoot(request, options: connection.callOptions)
        }
        try PCAText.printAuthority(authority, json: self.global.json)
    }
}

/// `certctl pca intermediate create --parent ROOT --cn NAME [--algorithm] [--days] [--path-length]`.
///
/// Isolation: runs on the command's task.
struct PCAIntermediateCreateCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an intermediate CA under a root CA (same region).")

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Option(help: ArgumentHelp("The root CA id.", valueName: "id"))
    var parent: String

    @Option(help: "Common name of the CA.")
    var cn: String

    @Option(name: .customLong("org"), help: "Organization (O).")
    var organization: String?

    @Option(help: "Two-letter country code (C).")
    var country: String?

    @Option(help: "Key algorithm.")
    var algorithm: CSRCreateCommand.Algorithm = .ecp256

    @Option(help: "Validity in days (1-7300, within the root's).")
    var days: UInt32 = 1825

    @Option(
        name: .customLong("path-length"), help: "basicConstraints path length (default 0: leaves only; -1: unlimited).")
    var pathLength: Int32?

    func run() async throws {
        let request = CreatePCAIntermediateRequest(
            parentID: self.parent, commonName: self.cn, organization: self.organization ?? "",
            country: self.country ?? "", keyType: self.algorithm.wire, validityDays: self.days,
            pathLength: self.pathLength)
        let authority = try await CertdConnection.with(self.global) { connection in
            try await connection.privateCA.createIntermediate(request, options: connection.callOptions)
        }
        try PCAText.printAuthority(authority, json: self.global.json)
    }
}

/// `certctl pca root list [--region R]`.
///
/// Isolation: runs on the command's task.
struct PCARootListCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List root CAs.")

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Option(help: "Only this region.")
    var region: String?

    func run() async throws {
        try await PCAText.listAuthorities(self.global, region: self.region, kind: .root)
    }
}

/// `certctl pca intermediate list [--region R]`.
///
/// Isolation: runs on the command's task.
struct PCAIntermediateListCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List intermediate CAs.")

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Option(help: "Only this region.")
    var region: String?

    func run() async throws {
        try await PCAText.listAuthorities(self.global, region: self.region, kind: .intermediate)
    }
}
