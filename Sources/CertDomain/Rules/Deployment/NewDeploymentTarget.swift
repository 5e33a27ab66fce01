/// What a caller asks for when creating a deployment target.
///
/// Isolation: a value type; validated by ``DeploymentBoard/createTarget(_:_:)``.
public struct NewDeploymentTarget: Sendable, Equatable {
    public var name: String
    public var kind: DeploymentTargetKind
    public var resourceID: String
    public var region: String
    public var settings: [String: String]
    public var verifyEndpoint: VerificationEndpoint?
    /// Nil: the kind's default (true for file, command and product kinds; false for webhook).
    public var allowKey: Bool?

    public init(
        name: String, kind: DeploymentTargetKind, resourceID: String = "", region: String = "",
        settings: [String: String] = [:], verifyEndpoint: VerificationEndpoint? = nil, allowKey: Bool? = nil
    ) {
        self.name = name
        self.kind = kind
        self.resourceID = resourceID
        self.region = region
        self.settings = settings
        self.verifyEndpoint = verifyEndpoint
        self.allowKey = allowKey
    }
}
