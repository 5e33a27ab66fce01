import CertAPI
import CertDomain
import CertWire

extension CertDomain.Account {
    /// The wire form of an account.
    var wire: CertAPI.Account {
        CertAPI.Account(
            id: self.id.rawValue,
            displayName: self.displayName,
            identity: self.verifiedIdentity.wire,
            site: self.site.wire,
            role: self.role.wire,
            createdAt: Timestamp(self.createdAt),
            clientCertificateFingerprints: self.clientCertificateFingerprints
        )
    }
}

extension CertDomain.VerifiedIdentity {
    /// The wire form of an identity.
    var wire: CertAPI.VerifiedIdentity {
        CertAPI.VerifiedIdentity(
            name: self.name, kind: self.kind == .person ? .person : .legalEntity, verified: self.isVerified)
    }

    /// The domain form of a wire identity; an unspecified kind means a legal entity.
    /// - Throws: ``DomainError/invalidArgument(field:detail:)`` for an unknown kind.
    init(wire: CertAPI.VerifiedIdentity) throws(DomainError) {
        let kind: Kind
        switch wire.kind {
        case .identityKindUnspecified, .legalEntity: kind = .legalEntity
        case .person: kind = .person
        case .unrecognized(let value):
            throw .invalidArgument(field: "identity.kind", detail: "unknown identity kind \(value)")
        }
        self.init(name: wire.name, kind: kind, isVerified: wire.verified)
    }
}

extension CertDomain.Account.Site {
    /// The wire form of a site.
    var wire: CertAPI.Site {
        switch self {
        case .china: .china
        case .international: .international
        }
    }

    /// The domain form of a wire site.
    /// - Returns: nil for `siteUnspecified`.
    /// - Throws: ``DomainError/invalidArgument(field:detail:)`` for an unknown value.
    static func from(wire: CertAPI.Site) throws(DomainError) -> Self? {
        switch wire {
        case .siteUnspecified: nil
        case .china: .china
        case .international: .international
        case .unrecognized(let value): throw .invalidArgument(field: "site", detail: "unknown site \(value)")
        }
    }
}

extension CertDomain.Account.Role {
    /// The wire form of a role.
    var wire: CertAPI.Role {
        switch self {
        case .admin: .admin
        case .user: .user
        }
    }

    /// The domain form of a wire role.
    /// - Returns: nil for `roleUnspecified`.
    /// - Throws: ``DomainError/invalidArgument(field:detail:)`` for an unknown value.
    static func from(wire: CertAPI.Role) throws(DomainError) -> Self? {
        switch wire {
        case .roleUnspecified: nil
        case .user: .user
        case .admin: .admin
        case .unrecognized(let value): throw .invalidArgument(field: "role", detail: "unknown role \(value)")
        }
    }
}
