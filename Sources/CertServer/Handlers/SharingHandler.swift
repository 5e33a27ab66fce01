import CertAPI
import CertDomain
import CertWire

/// Answers the Sharing service by calling ``CertificateSharing``.
///
/// Role: translation only; every sharing rule, refusal reason and audit event is the domain's.
/// Invariants: every call is authenticated through ``DomainGateway``.
/// Isolation: an immutable value.
struct SharingHandler: SharingService.Handler {
    /// Authentication and error mapping.
    let gateway: DomainGateway
    /// The sharing rules.
    let sharing: CertificateSharing

    func share(_ request: ShareCertificateRequest, context: CallContext) async throws -> CertAPI.CertificateShare {
        try await self.gateway.call(context, SharingService.Method.share) { caller in
            guard let recipient = AccountID(validating: request.recipientAccountID) else {
                throw DomainError.invalidArgument(
                    field: "recipientAccountID", detail: "an account id of 1-64 characters from A-Z a-z 0-9 . _ -")
            }
            return try await self.sharing.share(caller, id: CertificateID(rawValue: request.id), with: recipient).wire
        }
    }

    func unshare(_ request: UnshareCertificateRequest, context: CallContext) async throws -> CertAPI.CertificateShare {
        try await self.gateway.call(context, SharingService.Method.unshare) { caller in
            try await self.sharing.unshare(caller, id: CertificateID(rawValue: request.id)).wire
        }
    }

    func listShares(_ request: ListCertificateSharesRequest, context: CallContext) async throws
        -> ListCertificateSharesResponse
    {
        try await self.gateway.call(context, SharingService.Method.listShares) { caller in
            ListCertificateSharesResponse(
                shares: try self.sharing.shares(caller, id: CertificateID(rawValue: request.id)).map(\.wire))
        }
    }
}
