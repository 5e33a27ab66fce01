import ArgumentParser
import CertAPI

/// `certctl health`: whether certd answers, and its version; exits 7 when it is not serving.
///
/// Isolation: runs on the command's task.
struct HealthCommand: CertctlCommand {
    static let configuration = CommandConfiguration(commandName: "health", abstract: "Check that certd is serving.")

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    /// The JSON of `health`.
    struct HealthJSON: Encodable {
        var status: String
        var version: String
    }

    func run() async throws {
        let response = try await CertdConnection.with(self.global) { connection in
            try await connection.health.check(HealthCheckRequest(), options: connection.callOptions)
        }
        let status =
            switch response.status {
            case .serving: "serving"
            case .notServing: "notServing"
            case .unknown, .unrecognized: "unknown"
            }
        if self.global.json {
            try Console.printJSON(HealthJSON(status: status, version: response.version))
        } else {
            Console.print("\(status) (certd \(response.version))")
        }
        if response.status != .serving {
            throw ExitCode(ExitStatus.unreachable.rawValue)
        }
    }
}
