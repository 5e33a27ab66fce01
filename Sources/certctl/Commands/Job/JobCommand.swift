import ArgumentParser
import CertAPI

/// `certctl job ...`: deployment jobs of the calling account.
///
/// Isolation: a command namespace; runs nothing itself.
struct JobCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job",
        abstract: "Show deployment jobs.",
        subcommands: [JobGetCommand.self, JobListCommand.self]
    )
}

/// `certctl job get ID`: one job with its targets.
struct JobGetCommand: CertctlCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a deployment job.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "The job id.")
    var id: String

    @Flag(help: "Wait until the job is final.")
    var wait = false

    func run() async throws {
        let id = self.id
        let wait = self.wait
        let job = try await CertdConnection.with(self.global) { connection in
            let job = try await connection.deployments.getJob(GetJobRequest(id: id), options: connection.callOptions)
            return wait ? try await JobFollower.follow(job, connection: connection, timeoutSeconds: 600) : job
        }
        if self.global.json {
            try Console.printJSON(DeploymentJobJSON(job))
        } else {
            Console.print(DeploymentText.job(job))
        }
    }
}

/// `certctl job list`: the caller's jobs, newest first.
struct JobListCommand: CertctlCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List deployment jobs.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Option(name: .customLong("cert"), help: ArgumentHelp("Only this certificate's jobs.", valueName: "id"))
    var certificateID: String?

    @Option(help: "At most this many jobs (newest first).")
    var limit: UInt32 = 100

    /// The JSON of `job list`.
    struct ListJSON: Encodable {
        var jobs: [DeploymentJobJSON]
    }

    func run() async throws {
        let request = ListJobsRequest(certificateID: self.certificateID, limit: self.limit)
        let jobs = try await CertdConnection.with(self.global) { connection in
            try await connection.deployments.listJobs(request, options: connection.callOptions).jobs
        }
        if self.global.json {
            try Console.printJSON(ListJSON(jobs: jobs.map(DeploymentJobJSON.init)))
        } else if jobs.isEmpty {
            Console.print("no deployment jobs")
        } else {
            var table = TextTable(headers: ["id", "certificate", "state", "targets", "trigger", "created"])
            for job in jobs {
                table.rows.append([
                    job.id, job.certificateID, job.state.name, String(job.runs.count), job.trigger,
                    job.createdAt.iso8601,
                ])
            }
            Console.print(table.render())
        }
    }
}
