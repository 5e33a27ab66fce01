/// Expected failures of deployment and replacement, carried by ``DomainError/deployment(_:)``.
///
/// Role: keeps the deployment cases together so ``DomainError`` grows by one case; CertServer maps
/// each to a wire status. Another account's target or job is reported as not found.
/// Isolation: a plain value.
public enum DeploymentError: Error, Sendable, Equatable {
    case targetNotFound(id: String)
    case jobNotFound(id: String)
    /// The account already has a target with this name.
    case targetNameTaken(name: String)
    /// The certificate holds no private key but a target that receives keys was named.
    case certificateHasNoKey(certificateID: String, targetID: String)
    /// The original of a shared certificate is gone or changed, so its key cannot be deployed.
    case sharedOriginUnavailable(certificateID: String)
    /// Only uploaded certificates can be replaced; `source` is the entry's source.
    case replaceNotSupported(certificateID: String, source: String)

    /// Stable camelCase code for programs.
    public var reason: String {
        switch self {
        case .targetNotFound, .jobNotFound: "notFound"
        case .targetNameTaken: "nameTaken"
        case .certificateHasNoKey: "certificateHasNoKey"
        case .sharedOriginUnavailable: "sharedOriginUnavailable"
        case .replaceNotSupported: "replaceNotSupported"
        }
    }

    /// One sentence for the person at the other end: what happened and what to do.
    public var message: String {
        switch self {
        case .targetNotFound(let id):
            "No deployment target \(id) was found in your account; `certctl target list` shows yours."
        case .jobNotFound(let id):
            "No deployment job \(id) was found in your account; `certctl job list` shows yours."
        case .targetNameTaken(let name):
            "Your account already has a deployment target named \"\(name)\"; choose another name."
        case .certificateHasNoKey(let certificateID, let targetID):
            "Certificate \(certificateID) has no private key in certd, but target \(targetID) needs one; "
                + "upload the certificate with its key or use a target with allowKey off."
        case .sharedOriginUnavailable(let certificateID):
            "The original of shared certificate \(certificateID) is no longer available, so its key cannot be deployed."
        case .replaceNotSupported(let certificateID, let source):
            "Certificate \(certificateID) is \(source), not uploaded; only uploaded certificates can be replaced "
                + "(certd renews pca and official certificates itself)."
        }
    }
}
