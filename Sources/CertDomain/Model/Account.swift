public import Foundation

/// A tenant of certd: who a client certificate authenticates as, and what it may do.
///
/// Role: owner of inventory entries; the subject of authorization decisions.
/// Invariants: `id` never changes; each fingerprint in `clientCertificateFingerprints` is lowercase hex
/// SHA-256 (64 characters, no colons) and belongs to at most one account in a store.
/// Isolation: a value type; stored through ``InventoryWriter`` only inside the domain actors.
public struct Account: Sendable, Equatable {
    /// What an admin may do beyond a user.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        /// Manages accounts (create, list, update any); sees the whole audit log.
        case admin
        /// Sees and changes only its own entries.
        case user
    }

    /// Where the account's organisation operates; sharing is only possible within one site.
    public enum Site: String, Sendable, Hashable, CaseIterable {
        case china
        case international
    }

    public var id: AccountID
    public var displayName: String
    public var verifiedIdentity: VerifiedIdentity
    public var site: Site
    public var role: Role
    public var createdAt: Date
    /// SHA-256 fingerprints (lowercase hex) of the client certificates that authenticate as this account.
    public var clientCertificateFingerprints: [String]

    public init(
        id: AccountID,
        displayName: String,
        verifiedIdentity: VerifiedIdentity,
        site: Site,
        role: Role,
        createdAt: Date,
        clientCertificateFingerprints: [String] = []
    ) {
        self.id = id
        self.displayName = displayName
        self.verifiedIdentity = verifiedIdentity
        self.site = site
        self.role = role
        self.createdAt = createdAt
        self.clientCertificateFingerprints = clientCertificateFingerprints
    }
}
