import Foundation

/// Appends hash-chained events inside a write transaction.
///
/// Role: every mutating domain operation calls ``append(to:time:caller:action:target:outcome:details:)``
/// in the same write body as its change, so the event and the change commit or abort together.
/// Invariant: the new event's sequence is the last one + 1, `prevHash` the last one's hash, and
/// `hash = SHA-256(prevHash || canonicalBytes)`.
/// Isolation: stateless; runs inside the caller's write body.
enum AuditTrail {
    /// Builds, hashes and appends one event.
    @discardableResult
    static func append(
        to writer: any InventoryWriter,
        time: Date,
        caller: Caller,
        action: AuditAction,
        target: String,
        outcome: AuditOutcome = .success,
        details: [String: String] = [:]
    ) throws -> AuditEvent {
        let last = try writer.lastAuditEvent()
        var event = AuditEvent(
            sequence: (last?.sequence ?? 0) + 1,
            time: time,
            actor: caller.accountID,
            action: action,
            target: target,
            outcome: outcome,
            requestID: caller.requestID,
            details: details,
            prevHash: last?.hash ?? AuditEvent.genesisHash,
            hash: []
        )
        event.hash = self.hash(of: event)
        try writer.appendAudit(event)
        return event
    }

    /// `SHA-256(prevHash || canonicalBytes)`.
    static func hash(of event: AuditEvent) -> [UInt8] {
        SHA256.hash(event.prevHash + event.canonicalBytes)
    }
}
