public import Foundation

/// A place an account deploys certificates to.
///
/// Role: stored as a document (collection `deploy.target`, key `"<owner>/<id>"`); a job names
/// targets by id. The domain checks shapes at creation; executors interpret `settings`
/// (file: `directory`, names and modes; command: `command`; webhook: `url`).
/// Invariants: `name` is unique per owner; product kinds have a non-empty `resourceID` and
/// `region`; the private key reaches the target only when `allowKey` is true.
/// Isolation: a value type.
public struct DeploymentTarget: Sendable, Equatable, Codable {
    public var id: DeploymentTargetID
    /// The owning account's raw id.
    public var ownerAccountID: String
    public var name: String
    public var kind: DeploymentTargetKind
    /// Product kinds: the product's resource id (listener, domain, instance); empty otherwise.
    public var resourceID: String
    /// Product kinds: the product's region; empty otherwise.
    public var region: String
    /// Executor settings (see the type's summary); never secrets of the account.
    public var settings: [String: String]
    /// Where to check the deployment, if anywhere.
    public var verifyEndpoint: VerificationEndpoint?
    /// Whether the private key may be sent to this target.
    public var allowKey: Bool
    public var createdAt: Date

    public init(
        id: DeploymentTargetID, ownerAccountID: String, name: String, kind: DeploymentTargetKind,
        resourceID: String = "", region: String = "", settings: [String: String] = [:],
        verifyEndpoint: VerificationEndpoint? = nil, allowKey: Bool, createdAt: Date
    ) {
        self.id = id
        self.ownerAccountID = ownerAccountID
        self.name = name
        self.kind = kind
        self.resourceID = resourceID
        self.region = region
        self.settings = settings
        self.verifyEndpoint = verifyEndpoint
        self.allowKey = allowKey
        self.createdAt = createdAt
    }
}
