/// What a deployment target is: a cloud product (executed through whatever the operator mapped the
/// kind to) or one of the three direct executors.
///
/// Stored by `rawValue`; append-only.
public enum DeploymentTargetKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Server load balancer listener.
    case slb
    /// Content delivery network domain.
    case cdn
    /// Web application firewall site.
    case waf
    /// Elastic compute instance.
    case ecs
    /// Simple application server.
    case simpleAppServer
    /// Files in a directory under the operator's deployment root.
    case file
    /// An operator-installed program run with the PEM paths in its environment.
    case command
    /// An HTTP POST of JSON to a URL.
    case webhook

    /// Whether the kind is a cloud product (carries a resource id and region; executed through the
    /// operator's configuration).
    public var isProduct: Bool {
        switch self {
        case .slb, .cdn, .waf, .ecs, .simpleAppServer: true
        case .file, .command, .webhook: false
        }
    }
}
