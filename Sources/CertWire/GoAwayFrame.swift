/// A peer's notice that it takes no new calls on this connection and will close it.
///
/// Role: the body of a ``FrameType/goAway`` frame, sent on graceful drain (`status == .unavailable`)
/// and on protocol errors (`invalidArgument`, `resourceExhausted` for an oversized frame).
/// Layout after the header (call id 0): `lastCallID u32 | status u16 | messageLen u16 | message`.
/// Invariant: every call with id `<= lastCallID` that the sender received is still answered;
/// calls above it were not processed and may be retried on a new connection.
public struct GoAwayFrame: Sendable, Equatable {
    /// The highest call id the sender received and will answer.
    public var lastCallID: UInt32
    /// Why the connection ends.
    public var status: WireStatus
    /// For a person.
    public var message: String

    public init(lastCallID: UInt32, status: WireStatus, message: String) {
        self.lastCallID = lastCallID
        self.status = status
        self.message = message
    }
}
