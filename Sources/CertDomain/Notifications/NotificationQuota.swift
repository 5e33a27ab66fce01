/// An account's notification quota as the account sees it.
///
/// Role: the answer of quota reads and of switching notifications on or off.
/// Invariants: `used` counts existing certificates with notifications on; `remaining = max(0, units
/// - used)`; `required` is the number of the account's certificates with notifications off.
/// Isolation: a value type.
public struct NotificationQuota: Sendable, Equatable {
    public var accountID: AccountID
    public var units: Int
    public var used: Int
    public var required: Int

    public init(accountID: AccountID, units: Int, used: Int, required: Int) {
        self.accountID = accountID
        self.units = units
        self.used = used
        self.required = required
    }

    /// Units still free.
    public var remaining: Int { max(0, self.units - self.used) }
}
