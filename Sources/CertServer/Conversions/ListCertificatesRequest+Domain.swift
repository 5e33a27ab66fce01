import CertAPI
import CertDomain

extension ListCertificatesRequest {
    /// The domain filter for this request.
    /// - Throws: ``DomainError/invalidArgument(field:detail:)`` for unknown enum values, a tag value
    ///   without a key, an unknown key algorithm, or `status` combined with `expiringWithinDays`.
    func domainFilter() throws(DomainError) -> CertificateFilter {
        var filter = CertificateFilter(
            source: try self.source.flatMap { source throws(DomainError) in
                try CertDomain.CertificateSource.from(wire: source)
            },
            resourceGroup: self.resourceGroup,
            text: self.search
        )
        if let status = self.status, status != .statusUnspecified, self.expiringWithinDays != nil {
            throw .invalidArgument(field: "status", detail: "use either status or expiringWithinDays, not both")
        }
        switch self.status {
        case nil, .statusUnspecified?: break
        case .valid?: filter.expiry = .validBeyond(days: CertDomain.CertificateStatus.expiringSoonDays)
        case .expiringSoon?: filter.expiry = .expiringWithin(days: CertDomain.CertificateStatus.expiringSoonDays)
        case .expired?: filter.expiry = .expired
        case .unrecognized(let value)?: throw .invalidArgument(field: "status", detail: "unknown status \(value)")
        }
        if let days = self.expiringWithinDays { filter.expiry = .expiringWithin(days: Int(days)) }
        if let key = self.tagKey {
            filter.tag = TagFilter(key: key, value: self.tagValue)
        } else if !self.tagValue.isEmpty {
            throw .invalidArgument(field: "tagValue", detail: "a tag value needs a tagKey")
        }
        if let name = self.keyAlgorithm, !name.isEmpty {
            guard let family = KeyFamily.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
                throw .invalidArgument(field: "keyAlgorithm", detail: "one of RSA, EC, SM2, Ed25519, Ed448")
            }
            filter.keyAlgorithm = family
        }
        return filter
    }

    /// The domain sort for this request (`notAfter` ascending by default).
    /// - Throws: ``DomainError/invalidArgument(field:detail:)`` for an unknown sort field.
    func domainSort() throws(DomainError) -> CertificateSort {
        let field: CertificateSort.Field
        switch self.sort {
        case .sortUnspecified, .notAfter: field = .notAfter
        case .name: field = .name
        case .createdAt: field = .createdAt
        case .unrecognized(let value): throw .invalidArgument(field: "sort", detail: "unknown sort field \(value)")
        }
        return CertificateSort(field: field, order: self.descending ? .descending : .ascending)
    }
}
