public import CertDomain

/// How the operator executes one product kind (`slb`, `cdn`, ...): through one of the three real
/// executors. Configured as `deploy-product-<kind> = file:<dir> | command:<name> | webhook:<url>`.
///
/// Invariants: `file` directories are relative to the deployment root; `command` names a program
/// in the command directory; `webhook` URLs are `http://` or `https://`.
public enum ProductRoute: Sendable, Hashable, CustomStringConvertible {
    /// Files in `<root>/<directory>/<region>/<resourceID>`.
    case file(directory: String)
    /// The program `<command-dir>/<name>`, with `CERTD_RESOURCE_ID` and `CERTD_REGION` set.
    case command(name: String)
    /// A POST to `url` carrying the resource id and region.
    case webhook(url: String)

    /// Parses `file:DIR`, `command:NAME` or `webhook:URL`.
    /// - Returns: nil when the text has none of these shapes.
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let argument = String(text[text.index(after: colon)...])
        guard !argument.isEmpty else { return nil }
        switch text[..<colon] {
        case "file": self = .file(directory: argument)
        case "command": self = .command(name: argument)
        case "webhook":
            guard argument.hasPrefix("http://") || argument.hasPrefix("https://") else { return nil }
            self = .webhook(url: argument)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .file(let directory): "file:\(directory)"
        case .command(let name): "command:\(name)"
        case .webhook(let url): "webhook:\(url)"
        }
    }

    /// The product kinds a route can be configured for.
    public static let productKinds = DeploymentTargetKind.allCases.filter(\.isProduct)
}
