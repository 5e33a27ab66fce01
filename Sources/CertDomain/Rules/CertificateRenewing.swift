/// Re-issues a certificate the service can issue (official: the official issuer; pca: the same CA).
public protocol CertificateRenewing: Sendable {
    func renew(_ caller: Caller, id: CertificateID) async throws(DomainError) -> CertificateEntry
}
