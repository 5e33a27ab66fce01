import CertAPI

/// The JSON form of an account (`account create|list`).
///
/// Isolation: a plain value.
struct AccountJSON: Encodable {
    struct IdentityJSON: Encodable {
        var name: String
        var kind: String
        var verified: Bool
    }

    var id: String
    var displayName: String
    var identity: IdentityJSON
    var site: String
    var role: String
    var createdAt: String
    var clientCertificateFingerprints: [String]

    init(_ account: Account) {
        self.id = account.id
        self.displayName = account.displayName
        let kind: String =
            switch account.identity.kind {
            case .person: "person"
            case .legalEntity, .identityKindUnspecified, .unrecognized: "legalEntity"
            }
        self.identity = IdentityJSON(
            name: account.identity.name, kind: kind, verified: account.identity.verified)
        self.site = account.site.jsonName
        self.role = account.role.jsonName
        self.createdAt = account.createdAt.iso8601
        self.clientCertificateFingerprints = account.clientCertificateFingerprints
    }
}
