/// Renews any renewable certificate by routing to the issuer that made it (issue 6).
///
/// Role: the ``CertificateRenewing`` that Official/Renew and pending tasks call: official entries go
/// to ``OfficialCertificates``, private-CA entries to `privateCA` (plugged in by whoever wires the
/// private CA); uploaded and shared entries are refused with
/// ``DomainError/renewalUnsupported(id:source:)`` (uploaded: use `certctl cert replace`; shared:
/// the owner renews).
/// Invariants: routing reads the entry as the caller sees it, so another account's entry is
/// `certificateNotFound`.
/// Isolation: a `Sendable` value.
public struct CertificateRenewal: CertificateRenewing {
    let inventory: CertificateInventory
    let official: OfficialCertificates
    let privateCA: (any CertificateRenewing)?

    /// - Parameters:
    ///   - inventory: reads the entry to route it.
    ///   - official: renews official entries (and audits refusals of the others).
    ///   - privateCA: renews `pca` entries; nil refuses them.
    public init(
        inventory: CertificateInventory, official: OfficialCertificates, privateCA: (any CertificateRenewing)? = nil
    ) {
        self.inventory = inventory
        self.official = official
        self.privateCA = privateCA
    }

    /// Renews `id` with the issuer of its source.
    /// - Returns: the renewed entry.
    /// - Throws: ``DomainError/certificateNotFound(id:)``, ``DomainError/renewalUnsupported(id:source:)``,
    ///   and whatever the issuer throws.
    public func renew(_ caller: Caller, id: CertificateID) async throws(DomainError) -> CertificateEntry {
        if let privateCA = self.privateCA, (try? self.inventory.certificate(caller, id: id))?.source == .pca {
            return try await privateCA.renew(caller, id: id)
        }
        // Official renews; for every other source, and a missing entry, it refuses and audits the refusal.
        return try await self.official.renew(caller, id: id)
    }
}
