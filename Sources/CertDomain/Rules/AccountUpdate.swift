/// Changes to an account; nil fields stay as they are.
public struct AccountUpdate: Sendable, Equatable {
    public var displayName: String?
    public var verifiedIdentity: VerifiedIdentity?
    public var site: Account.Site?
    public var role: Account.Role?

    public init(
        displayName: String? = nil,
        verifiedIdentity: VerifiedIdentity? = nil,
        site: Account.Site? = nil,
        role: Account.Role? = nil
    ) {
        self.displayName = displayName
        self.verifiedIdentity = verifiedIdentity
        self.site = site
        self.role = role
    }
}
