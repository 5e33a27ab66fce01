import CertWire
import Foundation

/// Days remaining and status of a certificate, by the server's rules (CertServer's
/// `CertificateEntry.daysRemaining` and CertDomain's `CertificateStatus`).
///
/// Role: `tools describe` shows them for a file the server did not store.
/// Isolation: a plain value.
struct Expiry {
    var daysRemaining: Int64
    var status: String

    init(notAfter: Timestamp, now: Date) {
        let seconds = notAfter.date.timeIntervalSince(now)
        self.daysRemaining = Int64((seconds / 86_400).rounded(.down))
        let notAfterSeconds = notAfter.seconds
        let nowSeconds = Int64(now.timeIntervalSince1970.rounded(.down))
        self.status =
            notAfterSeconds < nowSeconds
            ? "expired" : notAfterSeconds <= nowSeconds + 30 * 86_400 ? "expiringSoon" : "valid"
    }
}
