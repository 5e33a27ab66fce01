/// The user name and password certd authenticates to the SMTP relay with (`--smtp-user`,
/// `--smtp-password-file`).
///
/// Role: read once at start-up from the password file; used by ``SMTPClient`` for AUTH PLAIN or
/// AUTH LOGIN (RFC 4954).
/// Invariants: neither field is empty; the password never shows up in a description, debug
/// description or mirror (so logging a configuration cannot leak it).
/// Isolation: a value type.
public struct SMTPCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    public var user: String
    public var password: String

    /// - Parameters:
    ///   - user: the login name.
    ///   - password: the secret (from a file, never from the command line).
    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    public var description: String { "SMTPCredentials(user: \(self.user), password: <redacted>)" }
    public var debugDescription: String { self.description }
    public var customMirror: Mirror { Mirror(self, children: ["user": self.user, "password": "<redacted>"]) }
}
