/// The legal entity or person behind an account, and whether that has been verified.
///
/// Role: sharing (issue 6) requires both accounts to have the same verified identity.
/// Invariant: none beyond its fields; `name` compares exactly (no case folding).
public struct VerifiedIdentity: Sendable, Equatable {
    /// Whether the identity is an organisation or a natural person.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case legalEntity
        case person
    }

    public var name: String
    public var kind: Kind
    public var isVerified: Bool

    public init(name: String, kind: Kind, isVerified: Bool) {
        self.name = name
        self.kind = kind
        self.isVerified = isVerified
    }
}
