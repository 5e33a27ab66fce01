import CertAPI
import CertCrypto
import CertDomain
import CertWire

/// Answers the PrivateCA service by calling ``PrivateCertificateAuthorities``.
///
/// Role: translation only (key types, kinds, statuses, reasons, SAN text, pagination, defaults for
/// zero values); the rules, key handling and auditing are the domain's.
/// Invariants: every call is authenticated through ``DomainGateway``; sync requests hold at most
/// ``maximumSyncIDs`` ids (clients send chunks).
/// Isolation: an immutable value.
struct PrivateCAHandler: PrivateCAService.Handler {
    /// Authentication and error mapping.
    let gateway: DomainGateway
    /// The private-CA rules.
    let authorities: PrivateCertificateAuthorities

    /// Page size of ListCertificates when the request says 0, and its maximum.
    static let pageSize = 1000
    /// Ids accepted by one SyncCertificates call.
    static let maximumSyncIDs = 10_000

    func listRegions(_ request: ListPCARegionsRequest, context: CallContext) async throws -> ListPCARegionsResponse {
        try await self.gateway.call(context, PrivateCAService.Method.listRegions) { caller in
            let all = try self.authorities.listAuthorities(caller)
            return ListPCARegionsResponse(
                regions: self.authorities.regions.map { region in
                    let here = all.filter { $0.region == region }
                    return PCARegion(
                        id: region, rootCount: UInt32(here.filter { $0.kind == .root }.count),
                        intermediateCount: UInt32(here.filter { $0.kind == .intermediate }.count))
                })
        }
    }

    func createRoot(_ request: CreatePCARootRequest, context: CallContext) async throws -> PCAAuthority {
        try await self.gateway.call(context, PrivateCAService.Method.createRoot) { caller in
            let domainRequest = PCARootRequest(
                region: request.region,
                subject: try Self.subject(request.commonName, request.organization, request.country),
                algorithm: try PCAKeyAlgorithm(wire: request.keyType),
                validityDays: request.validityDays == 0 ? 3650 : Int(request.validityDays),
                pathLength: request.pathLength.map { Int($0) })
            return try await self.authorities.createRoot(caller, domainRequest).wire
        }
    }

    func createIntermediate(_ request: CreatePCAIntermediateRequest, context: CallContext) async throws
        -> PCAAuthority
    {
        try await self.gateway.call(context, PrivateCAService.Method.createIntermediate) { caller in
            let pathLength: Int? =
                switch request.pathLength {
                case .none: 0
                case .some(let value) where value < 0: nil
                case .some(let value): Int(value)
                }
            let domainRequest = PCAIntermediateRequest(
                parentID: PrivateCAID(rawValue: request.parentID),
                subject: try Self.subject(request.commonName, request.organization, request.country),
                algorithm: try PCAKeyAlgorithm(wire: request.keyType),
                validityDays: request.validityDays == 0 ? 1825 : Int(request.validityDays),
                pathLength: pathLength)
            return try await self.authorities.createIntermediate(caller, domainRequest).wire
        }
    }

    func listAuthorities(_ request: ListPCAAuthoritiesRequest, context: CallContext) async throws
        -> ListPCAAuthoritiesResponse
    {
        try await self.gateway.call(context, PrivateCAService.Method.listAuthorities) { caller in
            let kind: PrivateCA.Kind?
            switch request.kind {
            case .pcaKindUnspecified: kind = nil
            case .root: kind = .root
            case .intermediate: kind = .intermediate
            case .unrecognized(let value):
                throw DomainError.invalidArgument(field: "kind", detail: "unknown kind \(value)")
            }
            let region = request.region.isEmpty ? nil : request.region
            let authorities = try self.authorities.listAuthorities(caller, region: region, kind: kind)
            return ListPCAAuthoritiesResponse(authorities: authorities.map(\.wire))
        }
    }

    func getAuthority(_ request: GetPCAAuthorityRequest, context: CallContext) async throws -> PCAAuthority {
        try await self.gateway.call(context, PrivateCAService.Method.getAuthority) { caller in
            try self.authorities.authority(caller, id: PrivateCAID(rawValue: request.id)).wire
        }
    }

    func issueCertificate(_ request: IssuePCACertificateRequest, context: CallContext) async throws
        -> PCAIssuedCertificate
    {
        try await self.gateway.call(context, PrivateCAService.Method.issueCertificate) { caller in
            let domainRequest = PCAIssueRequest(
                caID: PrivateCAID(rawValue: request.caID),
                commonName: request.commonName,
                subjectAlternativeNames: request.sans.map(CSRsHandler.subjectAlternativeName(_:)),
                serverAuth: request.serverAuth,
                clientAuth: request.clientAuth,
                validityDays: request.validityDays == 0 ? 365 : Int(request.validityDays),
                algorithm: request.keyType == .keyTypeUnspecified ? nil : try PCAKeyAlgorithm(wire: request.keyType),
                csr: request.csr.isEmpty ? nil : request.csr,
                acceptRisk: request.acceptRisk)
            return try await self.authorities.issue(caller, domainRequest).wire(withPEM: true)
        }
    }

    func listCertificates(_ request: ListPCACertificatesRequest, context: CallContext) async throws
        -> ListPCACertificatesResponse
    {
        try await self.gateway.call(context, PrivateCAService.Method.listCertificates) { caller in
            let limit = request.limit == 0 ? Self.pageSize : min(Int(request.limit), Self.pageSize)
            let certificates = try self.authorities.listCertificates(
                caller, caID: PrivateCAID(rawValue: request.caID),
                status: try PCACertificate.Status.filter(request.status),
                after: request.pageToken.isEmpty ? nil : PCACertificateID(rawValue: request.pageToken), limit: limit)
            // Ids are the sort key, so the last id of a full page continues the listing.
            let next = certificates.count >= limit ? certificates.last?.id.rawValue ?? "" : ""
            return ListPCACertificatesResponse(
                certificates: certificates.map { $0.wire(withPEM: false) }, nextPageToken: next)
        }
    }

    func getCertificate(_ request: GetPCACertificateRequest, context: CallContext) async throws
        -> PCAIssuedCertificate
    {
        try await self.gateway.call(context, PrivateCAService.Method.getCertificate) { caller in
            try self.authorities.certificate(caller, id: PCACertificateID(rawValue: request.id)).wire(withPEM: true)
        }
    }

    func revokeCertificate(_ request: RevokePCACertificateRequest, context: CallContext) async throws
        -> PCAIssuedCertificate
    {
        try await self.gateway.call(context, PrivateCAService.Method.revokeCertificate) { caller in
            try await self.authorities.revoke(
                caller, id: PCACertificateID(rawValue: request.id), reason: try request.reason.domain()
            ).wire(withPEM: false)
        }
    }

    func getCRL(_ request: GetPCACRLRequest, context: CallContext) async throws -> PCACRL {
        try await self.gateway.call(context, PrivateCAService.Method.getCRL) { caller in
            let crl = try await self.authorities.publishCRL(caller, caID: PrivateCAID(rawValue: request.caID))
            return PCACRL(
                caID: request.caID, der: crl.der, pem: crl.pem, number: crl.number ?? 0,
                thisUpdate: Timestamp(crl.thisUpdate), nextUpdate: crl.nextUpdate.map { Timestamp($0) } ?? .epoch,
                revokedCount: UInt32(crl.revoked.count))
        }
    }

    func syncCertificates(_ request: SyncPCACertificatesRequest, context: CallContext) async throws
        -> SyncPCACertificatesResponse
    {
        try await self.gateway.call(context, PrivateCAService.Method.syncCertificates) { caller in
            guard request.all != !request.ids.isEmpty else {
                throw DomainError.invalidArgument(
                    field: "ids", detail: "give either ids or all, not both and not neither")
            }
            guard request.ids.count <= Self.maximumSyncIDs else {
                throw DomainError.invalidArgument(
                    field: "ids", detail: "at most \(Self.maximumSyncIDs) per call; send larger batches in chunks")
            }
            let outcomes = try await self.authorities.sync(
                caller, caID: PrivateCAID(rawValue: request.caID),
                ids: request.all ? nil : request.ids.map(PCACertificateID.init(rawValue:)))
            var response = SyncPCACertificatesResponse()
            for outcome in outcomes {
                var item = PCASyncItem(id: outcome.id.rawValue)
                switch outcome.result {
                case .synced(let entryID):
                    item.result = .synced
                    item.inventoryID = entryID.rawValue
                    response.syncedCount += 1
                case .alreadySynced(let entryID):
                    item.result = .alreadySynced
                    item.inventoryID = entryID.rawValue
                    response.alreadySyncedCount += 1
                case .failed(let error):
                    let wire = RPCError(from: error)
                    item.result = .syncFailed
                    item.reason = wire.reason
                    item.message = wire.message
                    response.failedCount += 1
                }
                response.items.append(item)
            }
            return response
        }
    }

    func reissueCertificate(_ request: ReissuePCACertificateRequest, context: CallContext) async throws
        -> PCAIssuedCertificate
    {
        try await self.gateway.call(context, PrivateCAService.Method.reissueCertificate) { caller in
            try await self.authorities.reissue(caller, id: PCACertificateID(rawValue: request.id)).wire(withPEM: true)
        }
    }

    func revokeAuthority(_ request: RevokePCAAuthorityRequest, context: CallContext) async throws -> PCAAuthority {
        try await self.gateway.call(context, PrivateCAService.Method.revokeAuthority) { caller in
            try await self.authorities.revokeAuthority(
                caller, id: PrivateCAID(rawValue: request.id), reason: try request.reason.domain()
            ).wire
        }
    }

    /// The subject of a new CA.
    /// - Throws: ``DomainError/invalidArgument(field:detail:)`` without a common name.
    static func subject(_ commonName: String, _ organization: String, _ country: String) throws(DomainError)
        -> DistinguishedName
    {
        guard !commonName.isEmpty else { throw .invalidArgument(field: "commonName", detail: "required") }
        return DistinguishedName(
            commonName: commonName, organization: organization.isEmpty ? nil : organization,
            country: country.isEmpty ? nil : country)
    }
}
