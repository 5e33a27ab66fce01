/// Who is asking, as established by authentication (``AccountDirectory/authenticate(clientFingerprint:requestID:)``).
///
/// Role: the first parameter of every domain operation; authorization decisions read it.
/// Invariant: `accountID` named an existing account when the caller was authenticated; admin-only
/// operations re-read the account inside their write transaction, so a demoted admin cannot act.
/// Isolation: a plain value.
public struct Caller: Sendable, Equatable {
    public var accountID: AccountID
    public var role: Account.Role
    /// Correlates audit events with logs; chosen by the RPC layer.
    public var requestID: String

    public init(accountID: AccountID, role: Account.Role, requestID: String) {
        self.accountID = accountID
        self.role = role
        self.requestID = requestID
    }

    /// Whether the caller was an admin when authenticated.
    public var isAdmin: Bool { self.role == .admin }
}
