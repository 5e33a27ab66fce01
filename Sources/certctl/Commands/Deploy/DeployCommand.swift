import ArgumentParser
import CertAPI
import Foundation

/// `certctl deploy CERT --target T...`: starts a deployment job and, unless `--no-wait`, follows it
/// with a progress line on stderr until it is final.
///
/// Output: the job (text or JSON). Exit status 1 when the job failed.
/// Isolation: runs on the command's task.
struct DeployCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy", abstract: "Deploy a certificate to one or more targets.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "The certificate id.")
    var certificateID: String

    @Option(name: .customLong("target"), help: ArgumentHelp("A target id, repeatable.", valueName: "id"))
    var targets: [String] = []

    @Flag(name: .customLong("no-wait"), help: "Return once the job is created.")
    var noWait = false

    @Option(name: .customLong("wait-timeout"), help: ArgumentHelp("Seconds to wait for the job.", valueName: "s"))
    var waitTimeout: Double = 600

    func run() async throws {
        guard !self.targets.isEmpty else {
            throw CertctlError.invalidArgument("name at least one --target ID (`certctl target list` shows them)")
        }
        let request = DeployRequest(certificateID: self.certificateID, targetIDs: self.targets)
        let wait = !self.noWait
        let timeout = self.waitTimeout
        let job = try await CertdConnection.with(self.global) { connection in
            let job = try await connection.deployments.deploy(request, options: connection.callOptions)
            return wait ? try await JobFollower.follow(job, connection: connection, timeoutSeconds: timeout) : job
        }
        try JobFollower.report(job, asJSON: self.global.json)
    }
}

/// Polls a job until it is final, printing a progress line on stderr when it changes.
///
/// Isolation: a namespace; runs on the command's task.
enum JobFollower {
    static func follow(_ start: DeploymentJob, connection: CertdConnection, timeoutSeconds: Double) async throws
        -> DeploymentJob
    {
        var job = start
        var lastLine = ""
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeoutSeconds * 1000))
        while !job.state.isFinal && ContinuousClock.now < deadline {
            let line = DeploymentText.progress(job)
            if line != lastLine {
                Console.printError(line)
                lastLine = line
            }
            try await Task.sleep(for: .milliseconds(200))
            job = try await connection.deployments.getJob(GetJobRequest(id: job.id), options: connection.callOptions)
        }
        return job
    }

    /// Prints the job; a failed job exits 1 (after its output).
    static func report(_ job: DeploymentJob, asJSON: Bool) throws {
        if asJSON {
            try Console.printJSON(DeploymentJobJSON(job))
        } else {
            Console.print(DeploymentText.job(job))
        }
        if job.state == .failed { throw ExitCode(1) }
    }
}
