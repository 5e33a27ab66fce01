/// Where an inventory entry came from. Stored by `rawValue`; append-only.
public enum CertificateSource: String, Sendable, Hashable, CaseIterable {
    /// Uploaded by the account (PEM/DER + key).
    case uploaded
    /// Synced from the account's private CA (issue 6).
    case pca
    /// Issued by the service's official issuer (issue 6).
    case official
    /// Someone else's official certificate shared with this account (issue 6); never holds keys.
    case shared
}
