import CertDomain
import CertStore

extension CertificateEntry {
    /// The size of the stored record, so the raw loop uses the same value size.
    var encodedSizeForReport: Int { LMDBInventoryStore.recordSize(of: self) }
}
