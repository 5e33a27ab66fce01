import ArgumentParser

/// `certctl pca ...`: private CAs of the calling account.
///
/// In these commands `--ca ID` names a private CA; the CA certificate that signed certd is
/// `--server-ca FILE` (or `CERTD_CA`).
/// Isolation: a command namespace; runs nothing itself.
struct PCACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pca",
        abstract: "Private CAs: regions, roots, intermediates, issuance, revocation, CRLs and sync.",
        discussion: """
            In pca commands --ca ID names a private CA; the CA certificate that signed certd is \
            --server-ca FILE (or CERTD_CA).
            """,
        subcommands: [
            PCARegionCommand.self, PCARootCommand.self, PCAIntermediateCommand.self, PCAIssueCommand.self,
            PCACertCommand.self, PCARevokeCommand.self, PCACRLCommand.self, PCASyncCommand.self,
            PCAReissueCommand.self,
        ]
    )
}

/// A `pca` leaf command: it has the PCA form of the global options.
protocol PCALeafCommand: CertctlCommand {
    var pcaOptions: PCAGlobalOptions { get }
}

extension PCALeafCommand {
    var global: GlobalOptions { self.pcaOptions.global }
}
