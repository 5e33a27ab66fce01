extension DocumentCollection {
    /// Deployment targets, keyed `"<owner>/<targetID>"` (so an account's targets are one prefix).
    static let deploymentTargets = DocumentCollection("deploy.target")
    /// Deployment jobs, keyed `"<owner>/<jobID>"`; job ids start with their creation time.
    static let deploymentJobs = DocumentCollection("deploy.job")
    /// Jobs that are not final, keyed `"<jobID>"` with body ``ActiveJobReference``: what the runner
    /// scans, also after a restart.
    static let activeDeploymentJobs = DocumentCollection("deploy.active")
    /// Index of ``deployedCertificates`` by target, keyed `"<targetID>/<certificateID>"` (empty
    /// JSON object body), so deleting a target finds its deployed records.
    static let deployedByTarget = DocumentCollection("deploy.deployed.by-target")
}

/// The body of an `deploy.active` document: where the job document lives.
struct ActiveJobReference: Codable, Sendable {
    var ownerAccountID: String
}

/// An empty JSON body, for index documents.
struct EmptyDocument: Codable, Sendable {}
