/// A client's request to start one call.
///
/// Role: the body of a ``FrameType/request`` frame; see docs/PROTOCOL.md, "request".
/// Layout after the header (big-endian): `methodID u32 | timeoutMicros u64 | metadataCount u16 |
/// metadataCount x (keyLen u16, key, valueLen u16, value) | payload (rest of frame)`.
/// Invariants: `callID != 0`; `timeoutMicroseconds == 0` means no deadline; metadata keys and
/// values are at most 65,535 UTF-8 bytes each and are written sorted by key, so encoding is
/// deterministic.
public struct RequestFrame: Sendable, Equatable {
    /// The id the client chose for the call; unique among the connection's calls in flight.
    public var callID: UInt32
    /// The method, `serviceNumber << 16 | methodNumber`.
    public var methodID: UInt32
    /// Remaining time the client waits, in microseconds, measured when the frame was written; 0: none.
    public var timeoutMicroseconds: UInt64
    /// String pairs sent with the call.
    public var metadata: [String: String]
    /// The encoded request message (docs/SCHEMA.md).
    public var payload: [UInt8]

    public init(
        callID: UInt32,
        methodID: UInt32,
        timeoutMicroseconds: UInt64 = 0,
        metadata: [String: String] = [:],
        payload: [UInt8]
    ) {
        self.callID = callID
        self.methodID = methodID
        self.timeoutMicroseconds = timeoutMicroseconds
        self.metadata = metadata
        self.payload = payload
    }
}
