/// Reading and verifying the audit log.
///
/// Role: the read side of auditing (events are written by the domain actors inside their write
/// transactions through `AuditTrail`). Admins see every event; users see the events they caused.
/// Isolation: a `Sendable` value; every method runs on a store read snapshot from any task.
public struct AuditLog: Sendable {
    let store: any InventoryStore

    /// - Parameter store: the inventory store the actors write to.
    public init(store: any InventoryStore) {
        self.store = store
    }

    /// Events newest first.
    /// - Parameters:
    ///   - caller: who asks; a non-admin's `query.actor` is forced to itself.
    ///   - query: filters, `beforeSequence` cursor and limit (clamped to 1...1000).
    /// - Returns: the matching events, newest first.
    /// - Throws: ``DomainError/storageUnavailable``.
    public func list(_ caller: Caller, _ query: AuditQuery) throws(DomainError) -> [AuditEvent] {
        var query = query
        query.limit = min(max(query.limit, 1), 1000)
        if !caller.isAdmin { query.actor = caller.accountID }
        do {
            return try self.store.read { [query] in try $0.auditEvents(query) }
        } catch {
            throw DomainError.wrap(error)
        }
    }

    /// Walks the whole chain from the first event and reports the first event that does not verify.
    /// - Parameter batchSize: events read per snapshot.
    /// - Returns: ``AuditChainVerification/intact(eventCount:)`` or the first broken sequence.
    /// - Throws: ``DomainError/storageUnavailable``.
    public func verifyChain(batchSize: Int = 1000) throws(DomainError) -> AuditChainVerification {
        var expected: UInt64 = 1
        var previousHash = AuditEvent.genesisHash
        while true {
            let batch: [AuditEvent]
            do {
                batch = try self.store.read { [expected] in try $0.auditEvents(fromSequence: expected, limit: batchSize)
                }
            } catch {
                throw DomainError.wrap(error)
            }
            if batch.isEmpty { return .intact(eventCount: expected - 1) }
            for event in batch {
                if event.sequence != expected {
                    return .broken(sequence: event.sequence, problem: .sequenceGap(expected: expected))
                }
                if event.prevHash != previousHash {
                    return .broken(sequence: event.sequence, problem: .previousHashMismatch)
                }
                if AuditTrail.hash(of: event) != event.hash {
                    return .broken(sequence: event.sequence, problem: .hashMismatch)
                }
                previousHash = event.hash
                expected += 1
            }
        }
    }
}
