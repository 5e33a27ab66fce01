/// One frame of the certd RPC protocol, decoded.
///
/// Role: the value the connection codec produces and consumes; the bytes are specified in
/// docs/PROTOCOL.md. Encoding lives in `Frame+Encoding.swift`, parsing in `Frame+Parsing.swift`.
/// Invariant: pure value; no I/O. `ping` and `pong` carry 8 opaque bytes the pong echoes.
public enum Frame: Sendable, Equatable {
    case request(RequestFrame)
    case response(ResponseFrame)
    case cancel(callID: UInt32)
    case ping(opaque: UInt64)
    case pong(opaque: UInt64)
    case goAway(GoAwayFrame)

    /// The frame's type byte.
    public var type: FrameType {
        switch self {
        case .request: .request
        case .response: .response
        case .cancel: .cancel
        case .ping: .ping
        case .pong: .pong
        case .goAway: .goAway
        }
    }

    /// The call id in the header; 0 for connection-level frames.
    public var callID: UInt32 {
        switch self {
        case .request(let request): request.callID
        case .response(let response): response.callID
        case .cancel(let callID): callID
        case .ping, .pong, .goAway: 0
        }
    }
}
