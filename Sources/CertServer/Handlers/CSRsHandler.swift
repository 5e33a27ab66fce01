import CertAPI
import CertCrypto
import CertDomain
import CertWire

/// Answers the CSRs service by calling ``CertificateInventory``'s CSR operations.
///
/// Role: translation only (key types, names, pagination); key generation, sealing, ownership and
/// auditing are the domain's.
/// Invariants: every call is authenticated through ``DomainGateway``.
/// Isolation: an immutable value.
struct CSRsHandler: CSRsService.Handler {
    /// Authentication, domain access and error mapping.
    let gateway: DomainGateway

    /// Default page size of ListCSRs.
    static let defaultPageSize = 100

    func createCSR(_ request: CreateCSRRequest, context: CallContext) async throws -> CSR {
        try await self.gateway.call(context, CSRsService.Method.createCSR) { caller in
            guard !request.commonName.isEmpty else {
                throw DomainError.invalidArgument(field: "commonName", detail: "required")
            }
            let csrRequest = CSRRequest(
                subject: DistinguishedName(
                    commonName: request.commonName,
                    organization: Self.nonEmpty(request.organization),
                    organizationalUnit: Self.nonEmpty(request.organizationalUnit),
                    country: Self.nonEmpty(request.country),
                    state: Self.nonEmpty(request.state),
                    locality: Self.nonEmpty(request.locality)
                ),
                subjectAlternativeNames: request.sans.map(Self.subjectAlternativeName(_:)),
                algorithm: try Self.keyAlgorithm(request.keyType)
            )
            return try await self.gateway.inventory.createCSR(caller, csrRequest).wire
        }
    }

    func uploadCSR(_ request: UploadCSRRequest, context: CallContext) async throws -> CSR {
        try await self.gateway.call(context, CSRsService.Method.uploadCSR) { caller in
            try await self.gateway.inventory.uploadCSR(caller, csr: request.csr).wire
        }
    }

    func getCSR(_ request: GetCSRRequest, context: CallContext) async throws -> CSR {
        try await self.gateway.call(context, CSRsService.Method.getCSR) { caller in
            try self.gateway.inventory.csr(caller, id: CSRID(rawValue: request.id)).wire
        }
    }

    func listCSRs(_ request: ListCSRsRequest, context: CallContext) async throws -> ListCSRsResponse {
        try await self.gateway.call(context, CSRsService.Method.listCSRs) { caller in
            let limit = min(request.limit == 0 ? Self.defaultPageSize : Int(request.limit), 1000)
            let after = request.pageToken.isEmpty ? nil : CSRID(rawValue: request.pageToken)
            let csrs = try self.gateway.inventory.listCSRs(caller, after: after, limit: limit)
            // Ids are the sort key, so the last id of a full page continues the listing.
            let next = csrs.count >= limit ? csrs.last?.id.rawValue ?? "" : ""
            return ListCSRsResponse(csrs: csrs.map(\.wire), nextPageToken: next)
        }
    }

    func deleteCSR(_ request: DeleteCSRRequest, context: CallContext) async throws -> DeleteCSRResponse {
        try await self.gateway.call(context, CSRsService.Method.deleteCSR) { caller in
            let entry = try await self.gateway.inventory.deleteCSR(caller, id: CSRID(rawValue: request.id))
            return DeleteCSRResponse(id: entry.id.rawValue)
        }
    }

    // MARK: Conversions

    /// The key CertCrypto generates for a wire key type (P-256 when unspecified).
    /// - Throws: ``DomainError/invalidArgument(field:detail:)`` for an unknown value.
    static func keyAlgorithm(_ keyType: KeyType) throws(DomainError) -> KeyAlgorithm {
        switch keyType {
        case .keyTypeUnspecified, .ecP256: .p256
        case .ecP384: .p384
        case .rsa2048: .rsa(bits: 2048)
        case .rsa3072: .rsa(bits: 3072)
        case .rsa4096: .rsa(bits: 4096)
        case .sm2: .sm2
        case .unrecognized(let value): throw .invalidArgument(field: "keyType", detail: "unknown key type \(value)")
        }
    }

    /// A SAN from `DNS:`, `IP:`, `email:` or `URI:` text; without a prefix, an IP address when it
    /// looks like one, an email when it has an `@`, else a DNS name.
    static func subjectAlternativeName(_ text: String) -> SubjectAlternativeName {
        let prefixes: [(String, (String) -> SubjectAlternativeName)] = [
            ("DNS:", { .dns($0) }), ("IP:", { .ip($0) }), ("email:", { .email($0) }), ("URI:", { .uri($0) }),
        ]
        for (prefix, make) in prefixes where text.lowercased().hasPrefix(prefix.lowercased()) {
            return make(String(text.dropFirst(prefix.count)))
        }
        if text.contains("@") { return .email(text) }
        let isIPv4 = !text.isEmpty && text.allSatisfy { $0 == "." || $0.isASCII && $0.isNumber }
        let isIPv6 = text.contains(":") && text.allSatisfy { $0 == ":" || $0 == "." || $0.isHexDigit }
        return isIPv4 || isIPv6 ? .ip(text) : .dns(text)
    }

    /// Empty text means "not given".
    static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}
