import CertWire

/// Everything that can make a certctl command fail, besides argument parsing.
///
/// Role: commands throw it; ``Certctl`` reports it once (a line on stderr, or a JSON error
/// document) and exits with its ``exitStatus``.
/// Invariant: messages never contain key material or passphrases.
/// Isolation: a plain value.
enum CertctlError: Error {
    /// The server (or the transport) refused the call.
    case rpc(RPCError)
    /// A credential file certctl needs does not exist; `option` and `variable` say how to name another.
    case missingCredential(kind: String, path: String, option: String, variable: String)
    /// The client TLS configuration could not be loaded (bad PEM, key does not match, ...).
    case credentialsUnusable(detail: String)
    /// An input file could not be read.
    case unreadableFile(path: String, detail: String)
    /// An output file or directory could not be written.
    case unwritableFile(path: String, detail: String)
    /// An argument is well-formed for the parser but not usable (e.g. a tag without `=`).
    case invalidArgument(String)
    /// `cert delete` without `--yes` and no terminal to ask on.
    case confirmationRequired(String)
    /// The user answered no at a confirmation prompt.
    case declined
    /// The server answered something certctl cannot show (e.g. an empty required field).
    case unexpectedResponse(String)

    /// The exit code for this failure (see ``ExitStatus``).
    var exitStatus: ExitStatus {
        switch self {
        case .rpc(let error): ExitStatus(error.status)
        case .missingCredential, .credentialsUnusable: .permission
        case .unreadableFile, .invalidArgument: .invalidInput
        case .unwritableFile, .unexpectedResponse: .other
        case .confirmationRequired: .usage
        case .declined: .other
        }
    }

    /// The status name printed as `code` in a JSON error.
    var code: String {
        switch self {
        case .rpc(let error): error.status.description
        case .missingCredential, .credentialsUnusable: WireStatus.unauthenticated.description
        case .unreadableFile, .invalidArgument: WireStatus.invalidArgument.description
        case .unwritableFile, .unexpectedResponse: WireStatus.internal.description
        case .confirmationRequired: "usage"
        case .declined: WireStatus.cancelled.description
        }
    }

    /// The stable camelCase reason, as the server's `reason` or certctl's own.
    var reason: String {
        switch self {
        case .rpc(let error):
            if !error.reason.isEmpty { return error.reason }
            return error.status == .unavailable ? "serverUnreachable" : error.status.description
        case .missingCredential: return "missingCredentials"
        case .credentialsUnusable: return "badCredentials"
        case .unreadableFile: return "unreadableFile"
        case .unwritableFile: return "unwritableFile"
        case .invalidArgument: return "invalidArgument"
        case .confirmationRequired: return "confirmationRequired"
        case .declined: return "declined"
        case .unexpectedResponse: return "unexpectedResponse"
        }
    }

    /// One sentence for a person, with a hint where one helps.
    var message: String {
        switch self {
        case .rpc(let error) where error.status == .unavailable:
            return "\(error.message); is certd running? Start it with `certd serve` or point at it with "
                + "--server HOST:PORT (or CERTD_SERVER)"
        case .rpc(let error) where error.status == .unauthenticated && error.reason.isEmpty:
            return "\(error.message); check --cert/--key (CERTD_CERT/CERTD_KEY) and --ca (CERTD_CA)"
        case .rpc(let error):
            return error.message
        case .missingCredential(let kind, let path, let option, let variable):
            return "\(kind) \(path) does not exist; run `certd serve` once to create the local admin "
                + "credentials, or name another file with \(option) (or \(variable))"
        case .credentialsUnusable(let detail):
            return "cannot use the client credentials: \(detail)"
        case .unreadableFile(let path, let detail):
            return "cannot read \(path): \(detail)"
        case .unwritableFile(let path, let detail):
            return "cannot write \(path): \(detail)"
        case .invalidArgument(let message), .confirmationRequired(let message), .unexpectedResponse(let message):
            return message
        case .declined:
            return "aborted, nothing was changed"
        }
    }
}
