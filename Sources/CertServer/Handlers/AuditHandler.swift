import CertAPI
import CertDomain
import CertWire

/// Answers the Audit service by calling ``AuditLog``.
///
/// Role: listing (the domain restricts users to their own events) and chain verification, which
/// reads the whole log and is therefore admin-only, checked here.
/// Invariants: every call is authenticated through ``DomainGateway``.
/// Isolation: an immutable value; both operations read store snapshots.
struct AuditHandler: AuditService.Handler {
    /// Authentication, domain access and error mapping.
    let gateway: DomainGateway

    /// Default page size of ListAudit.
    static let defaultPageSize = 100

    func listAudit(_ request: ListAuditRequest, context: CallContext) async throws -> ListAuditResponse {
        try await self.gateway.call(context, AuditService.Method.listAudit) { caller in
            let limit = min(request.limit == 0 ? Self.defaultPageSize : Int(request.limit), 1000)
            var query = AuditQuery(
                actor: request.actor.map(AccountID.init(rawValue:)),
                target: request.target,
                limit: limit
            )
            if let action = request.action {
                guard let parsed = AuditAction(rawValue: action) else {
                    throw DomainError.invalidArgument(field: "action", detail: "unknown audit action '\(action)'")
                }
                query.action = parsed
            }
            switch request.outcome {
            case nil: break
            case "success"?: query.outcome = .success
            case "failure"?: query.outcome = .failure
            case let other?:
                throw DomainError.invalidArgument(field: "outcome", detail: "success or failure, not '\(other)'")
            }
            if !request.pageToken.isEmpty {
                // The token is the sequence of the last event of the previous page (newest first).
                guard let sequence = UInt64(request.pageToken) else { throw DomainError.invalidPageToken }
                query.beforeSequence = sequence
            }
            let events = try self.gateway.auditLog.list(caller, query)
            let next = events.count >= limit ? events.last.map { String($0.sequence) } ?? "" : ""
            return ListAuditResponse(events: events.map(\.wire), nextPageToken: next)
        }
    }

    func verifyAudit(_ request: VerifyAuditRequest, context: CallContext) async throws -> VerifyAuditResponse {
        try await self.gateway.call(context, AuditService.Method.verifyAudit) { caller in
            guard caller.isAdmin else { throw DomainError.permissionDenied }
            switch try self.gateway.auditLog.verifyChain() {
            case .intact(let count):
                return VerifyAuditResponse(intact: true, eventsChecked: count)
            case .broken(let sequence, let problem):
                let detail: String
                switch problem {
                case .hashMismatch: detail = "hashMismatch"
                case .previousHashMismatch: detail = "previousHashMismatch"
                case .sequenceGap: detail = "sequenceGap"
                }
                return VerifyAuditResponse(
                    intact: false, eventsChecked: sequence > 0 ? sequence - 1 : 0, firstBadSequence: sequence,
                    detail: detail)
            }
        }
    }
}
