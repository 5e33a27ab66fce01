import Foundation

/// What an admin supplies to create an account.
///
/// Role: input of ``AccountDirectory/createAccount(_:_:)``; validated into an ``Account``.
/// Isolation: a plain value.
public struct NewAccount: Sendable, Equatable {
    /// 1...64 characters from `A-Z a-z 0-9 . _ -`.
    public var id: String
    /// 1...200 characters, no control characters.
    public var displayName: String
    public var verifiedIdentity: VerifiedIdentity
    public var site: Account.Site
    public var role: Account.Role
    /// SHA-256 fingerprints of client certificates (hex, any case, colons allowed).
    public var clientCertificateFingerprints: [String]

    public init(
        id: String,
        displayName: String,
        verifiedIdentity: VerifiedIdentity,
        site: Account.Site,
        role: Account.Role = .user,
        clientCertificateFingerprints: [String] = []
    ) {
        self.id = id
        self.displayName = displayName
        self.verifiedIdentity = verifiedIdentity
        self.site = site
        self.role = role
        self.clientCertificateFingerprints = clientCertificateFingerprints
    }

    func validated(createdAt: Date) throws(DomainError) -> Account {
        guard let id = AccountID(validating: self.id) else {
            throw .invalidArgument(field: "id", detail: "1-64 characters from A-Z a-z 0-9 . _ -")
        }
        try Self.checkDisplayName(self.displayName)
        var fingerprints: [String] = []
        for text in self.clientCertificateFingerprints {
            guard let fingerprint = AccountDirectory.normalizedFingerprint(text) else {
                throw .invalidArgument(
                    field: "clientCertificateFingerprints", detail: "expected 64 hex digits (SHA-256)")
            }
            if !fingerprints.contains(fingerprint) { fingerprints.append(fingerprint) }
        }
        return Account(
            id: id, displayName: self.displayName, verifiedIdentity: self.verifiedIdentity, site: self.site,
            role: self.role, createdAt: createdAt, clientCertificateFingerprints: fingerprints)
    }

    static func checkDisplayName(_ name: String) throws(DomainError) {
        guard (1...200).contains(name.count),
            !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw .invalidArgument(field: "displayName", detail: "1-200 characters without control characters")
        }
    }
}
