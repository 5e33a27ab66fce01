import CertAPI
import CertDomain
import CertWire

/// Answers the Official service by calling ``OfficialCertificates`` (order) and a
/// ``CertificateRenewing`` (renew; routes private-CA entries to their CA when one is plugged in).
///
/// Role: translation only; validation, issuance, sealing and auditing are the domain's.
/// Invariants: every call is authenticated through ``DomainGateway``.
/// Isolation: an immutable value.
struct OfficialHandler: OfficialService.Handler {
    /// Authentication, the inventory (share status) and error mapping.
    let gateway: DomainGateway
    /// Orders from the official issuer.
    let official: OfficialCertificates
    /// Renews entries by source.
    let renewal: any CertificateRenewing

    /// Validity when the request leaves it at 0.
    static let defaultValidityDays = 365

    func order(_ request: OrderOfficialCertificateRequest, context: CallContext) async throws -> CertAPI.Certificate {
        try await self.gateway.call(context, OfficialService.Method.order) { caller in
            let order = OfficialOrder(
                domains: request.domains,
                algorithm: try CSRsHandler.keyAlgorithm(request.algorithm),
                validityDays: request.validityDays == 0 ? Self.defaultValidityDays : Int(request.validityDays),
                name: request.name.isEmpty ? nil : request.name
            )
            let entry = try await self.official.order(caller, order)
            return entry.wire(now: self.gateway.inventory.now(), isDetailed: true)
        }
    }

    func renew(_ request: RenewOfficialCertificateRequest, context: CallContext) async throws -> CertAPI.Certificate {
        try await self.gateway.call(context, OfficialService.Method.renew) { caller in
            let entry = try await self.renewal.renew(caller, id: CertificateID(rawValue: request.id))
            var wire = entry.wire(now: self.gateway.inventory.now(), isDetailed: true)
            wire.addShareStatus(of: entry, shares: try self.gateway.inventory.shares(of: entry))
            return wire
        }
    }
}
