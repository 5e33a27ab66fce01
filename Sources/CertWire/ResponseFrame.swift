/// A server's answer to one call.
///
/// Role: the body of a ``FrameType/response`` frame; see docs/PROTOCOL.md, "response".
/// Layout after the header (big-endian): `status u16 | messageLen u16 | message | reasonLen u16 |
/// reason | payload (rest of frame)`.
/// Invariants: when `status == .ok`, `message` and `reason` are empty; when it is not, `payload`
/// is empty. Message and reason are truncated to 65,535 UTF-8 bytes on encoding.
public struct ResponseFrame: Sendable, Equatable {
    /// The call this answers.
    public var callID: UInt32
    /// How the call ended.
    public var status: WireStatus
    /// For a person; empty on success.
    public var message: String
    /// A stable camelCase token, or empty.
    public var reason: String
    /// The encoded response message on success (docs/SCHEMA.md); empty on failure.
    public var payload: [UInt8]

    public init(callID: UInt32, status: WireStatus, message: String = "", reason: String = "", payload: [UInt8] = []) {
        self.callID = callID
        self.status = status
        self.message = message
        self.reason = reason
        self.payload = payload
    }

    /// A successful answer.
    public static func ok(callID: UInt32, payload: [UInt8]) -> ResponseFrame {
        ResponseFrame(callID: callID, status: .ok, payload: payload)
    }

    /// A failed answer carrying an ``RPCError``.
    public static func failure(callID: UInt32, _ error: RPCError) -> ResponseFrame {
        ResponseFrame(callID: callID, status: error.status, message: error.message, reason: error.reason)
    }
}
