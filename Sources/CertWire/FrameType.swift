/// What a frame carries, as byte 1 of every frame header.
///
/// Role: the dispatch key of the connection codec; see docs/PROTOCOL.md, "Frame types".
/// Invariant: raw values are explicit and append-only. A receiver that reads a value it does not
/// know treats the connection as broken (goAway `invalidArgument`, then close), because it cannot
/// know whether the frame mattered.
public enum FrameType: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// Client to server: start a call (method id, deadline, metadata, request payload).
    case request = 1
    /// Server to client: the outcome of a call (status, message, reason, response payload).
    case response = 2
    /// Client to server: the caller stopped waiting for the call; the server cancels the handler.
    case cancel = 3
    /// Either way: a keep-alive probe; the receiver answers with ``pong`` carrying the same 8 bytes.
    case ping = 4
    /// Either way: the answer to a ``ping``.
    case pong = 5
    /// Either way: the sender will accept no new calls (drain) or hit a protocol error; then it closes.
    case goAway = 6

    public var description: String {
        switch self {
        case .request: "request"
        case .response: "response"
        case .cancel: "cancel"
        case .ping: "ping"
        case .pong: "pong"
        case .goAway: "goAway"
        }
    }
}
