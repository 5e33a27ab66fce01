import ArgumentParser
import CertAPI

/// `certctl pca revoke ID [--reason R]`.
///
/// Isolation: runs on the command's task.
struct PCARevokeCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke a certificate (final); the next CRL of its CA lists it.")

    /// `--reason` values (RFC 5280 CRLReason names).
    enum Reason: String, ExpressibleByArgument, CaseIterable {
        case unspecified, keyCompromise, caCompromise, affiliationChanged, superseded, cessationOfOperation
        case certificateHold, privilegeWithdrawn, aaCompromise

        var wire: PCARevocationReason {
            switch self {
            case .unspecified: .unspecified
            case .keyCompromise: .keyCompromise
            case .caCompromise: .caCompromise
            case .affiliationChanged: .affiliationChanged
            case .superseded: .superseded
            case .cessationOfOperation: .cessationOfOperation
            case .certificateHold: .certificateHold
            case .privilegeWithdrawn: .privilegeWithdrawn
            case .aaCompromise: .aaCompromise
            }
        }
    }

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Argument(help: "The certificate id.")
    var id: String

    @Option(help: "Why it is revoked.")
    var reason: Reason = .unspecified

    func run() async throws {
        let request = RevokePCACertificateRequest(id: self.id, reason: self.reason.wire)
        let certificate = try await CertdConnection.with(self.global) { connection in
            try await connection.privateCA.revokeCertificate(request, options: connection.callOptions)
        }
        try PCAText.printCertificate(certificate, json: self.global.json)
    }
}
