import ArgumentParser
import CertAPI

/// `certctl pca cert list --ca ID [--status notSynced|uploaded|revoked]`: every page.
///
/// Isolation: runs on the command's task.
struct PCACertListCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the certificates of a CA with their status.")

    /// `--status` values.
    enum Status: String, ExpressibleByArgument, CaseIterable {
        case notSynced, uploaded, revoked

        var wire: PCACertificateStatus {
            switch self {
            case .notSynced: .notSynced
            case .uploaded: .uploaded
            case .revoked: .revoked
            }
        }
    }

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Option(help: ArgumentHelp("The CA id.", valueName: "id"))
    var ca: String

    @Option(help: "Only this status.")
    var status: Status?

    /// The JSON of `pca cert list`.
    struct ListJSON: Encodable {
        var certificates: [PCACertificateJSON]
    }

    func run() async throws {
        let certificates = try await PCAText.allCertificates(self.global, caID: self.ca, status: self.status?.wire)
        if self.global.json {
            try Console.printJSON(ListJSON(certificates: certificates.map(PCACertificateJSON.init)))
        } else {
            Console.print(certificates.isEmpty ? "no certificates" : PCAText.table(certificates))
        }
    }
}
