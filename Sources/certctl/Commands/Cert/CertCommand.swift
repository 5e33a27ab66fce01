import ArgumentParser

/// `certctl cert ...`: the certificate inventory of the calling account.
///
/// Isolation: a command namespace; runs nothing itself.
struct CertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert",
        abstract: "Upload, order, list, inspect, label, download, renew, share and delete certificates.",
        subcommands: [
            CertUploadCommand.self, CertListCommand.self, CertGetCommand.self, CertSummaryCommand.self,
            CertUpdateCommand.self, CertDownloadCommand.self, CertDeleteCommand.self,
            CertTimelineCommand.self,
            CertOrderCommand.self, CertRenewCommand.self, CertShareCommand.self, CertUnshareCommand.self,
            CertSharesCommand.self,
            CertDeploymentsCommand.self, CertReplaceCommand.self,
        ]
    )
}
