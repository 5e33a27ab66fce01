extension CertificateInventory {
    /// The shares `entry` takes part in, for showing share status next to an entry the caller
    /// already holds (from ``certificate(_:id:)``): whom an original is shared with, or where a
    /// shared entry came from. Empty when not shared.
    /// - Parameter entry: one of the caller's entries.
    /// - Returns: at most one share (a certificate is shared once).
    /// - Throws: storage errors.
    public nonisolated func shares(of entry: CertificateEntry) throws(DomainError) -> [CertificateShare] {
        try self.domainStore.read { try CertificateSharing.shares(of: entry, in: $0) }
    }
}
