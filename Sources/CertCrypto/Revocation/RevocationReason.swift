/// Why a certificate was revoked: the CRLReason codes of RFC 5280 §5.3.1.
///
/// Role: input to ``CertificateRevocationList/make(issuer:revoked:thisUpdate:nextUpdate:number:)``
/// and the reason a domain records for a revocation. Raw values are the RFC's codes (7 is unused).
/// Isolation: a plain value.
public enum RevocationReason: Int, Sendable, Hashable, CaseIterable, Codable {
    case unspecified = 0
    case keyCompromise = 1
    case caCompromise = 2
    case affiliationChanged = 3
    case superseded = 4
    case cessationOfOperation = 5
    case certificateHold = 6
    case removeFromCRL = 8
    case privilegeWithdrawn = 9
    case aaCompromise = 10

    /// The camelCase name RFC 5280 uses (`keyCompromise`, `cACompromise` spelled `caCompromise`).
    public var name: String {
        switch self {
        case .unspecified: "unspecified"
        case .keyCompromise: "keyCompromise"
        case .caCompromise: "caCompromise"
        case .affiliationChanged: "affiliationChanged"
        case .superseded: "superseded"
        case .cessationOfOperation: "cessationOfOperation"
        case .certificateHold: "certificateHold"
        case .removeFromCRL: "removeFromCRL"
        case .privilegeWithdrawn: "privilegeWithdrawn"
        case .aaCompromise: "aaCompromise"
        }
    }

    /// The reason named `name` (as ``name`` spells it, case-insensitive), or nil.
    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            return nil
        }
        self = match
    }
}
