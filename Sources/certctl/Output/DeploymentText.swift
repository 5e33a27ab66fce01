import CertAPI

/// The human output of deployment commands.
///
/// Isolation: a namespace of pure functions.
enum DeploymentText {
    /// A table of targets.
    static func targets(_ targets: [DeploymentTarget]) -> String {
        var table = TextTable(headers: ["id", "name", "kind", "where", "verify", "key"])
        for target in targets {
            let place: String
            switch target.kind {
            case .file: place = target.settings["directory"] ?? ""
            case .command: place = target.settings["command"] ?? ""
            case .webhook: place = target.settings["url"] ?? ""
            default: place = "\(target.resourceID) (\(target.region))"
            }
            table.rows.append([
                target.id, target.name, target.kind.name, place,
                target.verifyEndpoint.map { "\($0.host):\($0.port)" } ?? "-", target.allowKey ? "yes" : "no",
            ])
        }
        return table.render()
    }

    /// A job: one summary line, then a line per target.
    static func job(_ job: DeploymentJob) -> String {
        var lines = ["\(job.id)  \(job.state.name)  certificate \(job.certificateID)  (\(job.trigger))"]
        var table = TextTable(headers: ["target", "name", "state", "attempts", "verification", "error"])
        for run in job.runs {
            table.rows.append([
                run.targetID, run.targetName, run.state.name, String(run.attempts), Self.verification(run.verification),
                run.lastError,
            ])
        }
        lines.append(table.render())
        return lines.joined(separator: "\n")
    }

    /// One line of progress: `job-... running: 1/2 succeeded, 0 failed`.
    static func progress(_ job: DeploymentJob) -> String {
        let succeeded = job.runs.filter { $0.state == .succeeded }.count
        let failed = job.runs.filter { $0.state == .failed }.count
        return "\(job.id) \(job.state.name): \(succeeded)/\(job.runs.count) succeeded, \(failed) failed"
    }

    /// `verified`, `servesOther (ab12...)`, `unreachable: reason` or `-`.
    static func verification(_ verification: DeploymentVerification?) -> String {
        guard let verification else { return "-" }
        switch verification.result {
        case .servesOther: return "servesOther (\(verification.foundFingerprintSHA256.prefix(16))...)"
        case .unreachable: return "unreachable: \(verification.detail)"
        default: return verification.result.name
        }
    }
}
