/// A filtered, newest-first page of the audit log.
///
/// Semantics: events with `sequence < beforeSequence` (all when nil) matching every given filter
/// (`actor`, `action`, `target` by equality; `outcome`: success or any failure), in descending
/// sequence, at most `limit` (>= 1). The next page uses the last returned sequence as `beforeSequence`.
public struct AuditQuery: Sendable, Equatable {
    /// Whether the event took effect.
    public enum OutcomeFilter: Sendable, Hashable {
        case success
        case failure
    }

    public var actor: AccountID?
    public var action: AuditAction?
    public var target: String?
    public var outcome: OutcomeFilter?
    public var beforeSequence: UInt64?
    public var limit: Int

    public init(
        actor: AccountID? = nil,
        action: AuditAction? = nil,
        target: String? = nil,
        outcome: OutcomeFilter? = nil,
        beforeSequence: UInt64? = nil,
        limit: Int = 100
    ) {
        self.actor = actor
        self.action = action
        self.target = target
        self.outcome = outcome
        self.beforeSequence = beforeSequence
        self.limit = limit
    }

    /// Whether `event` passes the filters (the sequence bound included, the limit not).
    public func matches(_ event: AuditEvent) -> Bool {
        if let before = self.beforeSequence, event.sequence >= before { return false }
        if let actor = self.actor, event.actor != actor { return false }
        if let action = self.action, event.action != action { return false }
        if let target = self.target, !event.target.utf8.elementsEqual(target.utf8) { return false }
        switch (self.outcome, event.outcome) {
        case (nil, _), (.success, .success), (.failure, .failure): return true
        default: return false
        }
    }
}
