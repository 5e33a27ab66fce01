/// The status of a finished call, as carried in a response frame.
///
/// Role: the one vocabulary shared by server, client and every peer written from docs/PROTOCOL.md.
/// Invariant: raw values are explicit and **append-only**; a value once shipped never changes
/// meaning. A peer that receives a raw value it does not know treats it as ``internal``.
public enum WireStatus: UInt16, Sendable, CaseIterable, CustomStringConvertible {
    case ok = 0
    case cancelled = 1
    case invalidArgument = 2
    case notFound = 3
    case alreadyExists = 4
    case permissionDenied = 5
    case unauthenticated = 6
    case failedPrecondition = 7
    case resourceExhausted = 8
    case deadlineExceeded = 9
    case unavailable = 10
    case unimplemented = 11
    case `internal` = 12

    /// Maps a raw value from the wire, folding values this build does not know into ``internal``.
    /// - Parameter rawWireValue: the 16-bit status read from a frame.
    /// - Returns: the matching status, or ``internal`` for an unknown value.
    public init(rawWireValue: UInt16) {
        self = WireStatus(rawValue: rawWireValue) ?? .internal
    }

    public var description: String {
        switch self {
        case .ok: "ok"
        case .cancelled: "cancelled"
        case .invalidArgument: "invalidArgument"
        case .notFound: "notFound"
        case .alreadyExists: "alreadyExists"
        case .permissionDenied: "permissionDenied"
        case .unauthenticated: "unauthenticated"
        case .failedPrecondition: "failedPrecondition"
        case .resourceExhausted: "resourceExhausted"
        case .deadlineExceeded: "deadlineExceeded"
        case .unavailable: "unavailable"
        case .unimplemented: "unimplemented"
        case .internal: "internal"
        }
    }
}
