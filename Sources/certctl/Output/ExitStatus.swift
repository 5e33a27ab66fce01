import CertWire

/// certctl's exit codes, one per class of failure, so scripts can branch without parsing text.
///
/// Invariant: the numbers are documented in `certctl --help` and README.md and never change.
enum ExitStatus: Int32 {
    case success = 0
    case other = 1
    case usage = 2
    case invalidInput = 3
    case notFound = 4
    case permission = 5
    case conflict = 6
    case unreachable = 7

    /// The exit code for a failed call's status.
    /// - Parameter status: the status the server (or the transport) reported.
    init(_ status: WireStatus) {
        switch status {
        case .ok: self = .success
        case .invalidArgument: self = .invalidInput
        case .notFound: self = .notFound
        case .permissionDenied, .unauthenticated: self = .permission
        case .alreadyExists, .failedPrecondition: self = .conflict
        case .unavailable: self = .unreachable
        case .cancelled, .resourceExhausted, .deadlineExceeded, .unimplemented, .internal: self = .other
        }
    }
}
