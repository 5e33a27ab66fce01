import ArgumentParser
import CertAPI

/// `certctl pca root create --region R --cn NAME [--algorithm] [--days] [--path-length]`.
///
/// Isolation: runs on the command's task.
struct PCARootCreateCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a self-signed root CA (key generated and kept by certd).")

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Option(help: "The region (see `pca region list`).")
    var region: String

    @OptionGroup var subject: PCASubjectOptions

    @Option(help: "Validity in days (1-7300).")
    var days: UInt32 = 3650

    @Option(name: .customLong("path-length"), help: "basicConstraints path length; omit for unlimited.")
    var pathLength: Int32?

    func run() async throws {
        let request = CreatePCARootRequest(
            region: self.region, commonName: self.subject.cn, organization: self.subject.organization ?? "",
            country: self.subject.country ?? "", keyType: self.subject.algorithm.wire, validityDays: self.days,
            pathLength: self.pathLength)
        let authority = try await CertdConnection.with(self.global) { connection in
            try await connection.privateCA.createRoot(request, options: connection.callOptions)
        }
        try PCAText.printAuthority(authority, json: self.global.json)
    }
}
