/// Renewal of PCA-synced inventory entries (pending tasks, `certctl tasks renew`): re-issue from the
/// same CA, new key, same entry id. `renew(_:id:)` lives with the rest of the reissue rules.
extension PrivateCertificateAuthorities: CertificateRenewing {}
