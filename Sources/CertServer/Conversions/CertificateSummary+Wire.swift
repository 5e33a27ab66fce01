import CertAPI
import CertDomain

extension CertDomain.CertificateSummary {
    /// The wire form of the summary counts.
    var wire: CertAPI.CertificateSummary {
        var bySource: [String: UInt64] = [:]
        for (source, count) in self.bySource { bySource[source.rawValue] = UInt64(clamping: count) }
        return CertAPI.CertificateSummary(
            total: UInt64(clamping: self.total),
            valid: UInt64(clamping: self.valid),
            expiringWithin30Days: UInt64(clamping: self.expiringWithin30),
            expiringWithin60Days: UInt64(clamping: self.expiringWithin60),
            expiringWithin90Days: UInt64(clamping: self.expiringWithin90),
            expired: UInt64(clamping: self.expired),
            bySource: bySource
        )
    }
}
