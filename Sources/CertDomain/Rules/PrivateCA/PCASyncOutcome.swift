/// The outcome of syncing one private-CA certificate into the inventory.
///
/// Role: one element of ``PrivateCertificateAuthorities/sync(_:caID:ids:)``'s answer; a failure of one
/// id never stops the others. Isolation: a plain value.
public struct PCASyncOutcome: Sendable, Equatable {
    /// What happened to the id.
    public enum Result: Sendable, Equatable {
        /// A new inventory entry was created.
        case synced(CertificateID)
        /// An earlier sync's entry still exists; nothing was written.
        case alreadySynced(CertificateID)
        /// Refused (unknown id, revoked, name taken, key unavailable, ...).
        case failed(DomainError)
    }

    public var id: PCACertificateID
    public var result: Result

    public init(id: PCACertificateID, result: Result) {
        self.id = id
        self.result = result
    }
}
