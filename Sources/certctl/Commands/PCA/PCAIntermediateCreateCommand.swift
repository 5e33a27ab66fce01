import ArgumentParser
import CertAPI

/// `certctl pca intermediate create --parent ROOT --cn NAME [--algorithm] [--days] [--path-length]`.
///
/// Isolation: runs on the command's task.
struct PCAIntermediateCreateCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an intermediate CA under a root CA (same region).")

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Option(help: ArgumentHelp("The root CA id.", valueName: "id"))
    var parent: String

    @OptionGroup var subject: PCASubjectOptions

    @Option(help: "Validity in days (1-7300, within the root's).")
    var days: UInt32 = 1825

    @Option(
        name: .customLong("path-length"), help: "basicConstraints path length (default 0: leaves only; -1: unlimited).")
    var pathLength: Int32?

    func run() async throws {
        let request = CreatePCAIntermediateRequest(
            parentID: self.parent, commonName: self.subject.cn, organization: self.subject.organization ?? "",
            country: self.subject.country ?? "", keyType: self.subject.algorithm.wire, validityDays: self.days,
            pathLength: self.pathLength)
        let authority = try await CertdConnection.with(self.global) { connection in
            try await connection.privateCA.createIntermediate(request, options: connection.callOptions)
        }
        try PCAText.printAuthority(authority, json: self.global.json)
    }
}
