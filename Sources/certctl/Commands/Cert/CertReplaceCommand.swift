import ArgumentParser
import CertAPI

/// `certctl cert replace ID --cert F --key F [--chain F]`: replaces an uploaded certificate in place
/// and redeploys it to every target it was deployed to (following the job unless `--no-wait`).
///
/// Isolation: runs on the command's task.
struct CertReplaceCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "replace",
        abstract: "Replace an uploaded certificate (same id, name and tags) and redeploy it.",
        discussion: """
            Here --cert and --key name the new certificate and key; name the client credentials with \
            --client-cert/--client-key or CERTD_CERT/CERTD_KEY.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The certificate id.")
    var id: String

    @Option(name: .customLong("cert"), help: ArgumentHelp("The new certificate (PEM or DER).", valueName: "file"))
    var certificate: String

    @Option(name: .customLong("key"), help: ArgumentHelp("Its private key (PEM).", valueName: "file"))
    var privateKey: String

    @Option(help: ArgumentHelp("Extra chain certificates (PEM).", valueName: "file"))
    var chain: String?

    @Option(help: ArgumentHelp("File holding the passphrase of an encrypted key.", valueName: "file"))
    var passphraseFile: String?

    @Flag(name: .customLong("no-wait"), help: "Do not follow the redeploy job.")
    var noWait = false

    /// The JSON of `cert replace`.
    struct ReplaceJSON: Encodable {
        var certificate: CertificateJSON
        var redeployJob: DeploymentJobJSON?
    }

    func run() async throws {
        let request = ReplaceCertificateRequest(
            id: self.id, certificate: try InputFile.bytes(self.certificate),
            chain: try InputFile.bytes(ifGiven: self.chain),
            privateKey: try InputFile.bytes(self.privateKey), passphrase: try InputFile.secret(self.passphraseFile))
        let wait = !self.noWait
        let (response, job) = try await CertdConnection.with(self.global) { connection in
            let response = try await connection.certificates.replaceCertificate(
                request, options: connection.callOptions)
            var job = response.redeployJob
            if wait, let started = job {
                job = try await JobFollower.follow(started, connection: connection, timeoutSeconds: 600)
            }
            return (response, job)
        }
        if self.global.json {
            try Console.printJSON(
                ReplaceJSON(
                    certificate: CertificateJSON(response.certificate), redeployJob: job.map(DeploymentJobJSON.init)))
        } else {
            Console.print(
                "replaced \(response.certificate.id) (\(response.certificate.name)), now \(response.certificate.details.fingerprintSHA256)"
            )
            Console.print(job.map(DeploymentText.job) ?? "not deployed anywhere: nothing to redeploy")
        }
        if job?.state == .failed { throw ExitCode(1) }
    }
}
