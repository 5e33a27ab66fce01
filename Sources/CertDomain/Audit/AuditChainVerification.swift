/// The result of walking the audit hash chain.
///
/// Role: returned by ``AuditLog/verifyChain()``; a value, not a throw, because a broken chain is an
/// expected finding, not a failure of the check.
public enum AuditChainVerification: Sendable, Equatable {
    /// Every event links to its predecessor and its hash matches its content.
    case intact(eventCount: UInt64)
    /// The first event that does not verify, and why.
    case broken(sequence: UInt64, problem: Problem)

    /// What is wrong with the first bad event.
    public enum Problem: Sendable, Equatable {
        /// The stored hash is not SHA-256(prevHash || canonical bytes): the event was edited.
        case hashMismatch
        /// `prevHash` is not the previous event's hash: an event was edited, removed or inserted.
        case previousHashMismatch
        /// The sequence numbers skip or repeat here.
        case sequenceGap(expected: UInt64)
    }

    /// Whether the chain verified.
    public var isIntact: Bool {
        if case .intact = self { return true }
        return false
    }
}
