import CertCrypto
import Synchronization

/// Parsed certificate details by SHA-256 fingerprint, so a detailed `get` does not re-parse the DER.
///
/// Why: OpenSSL 3's decoder framework makes every certificate parse cost several hundred
/// microseconds; a profile of the `get` benchmark put 52% of certd's CPU there. A certificate's DER
/// never changes under its fingerprint, and the details are public content of the certificate, so
/// one cache can serve every account without revealing anything.
/// Invariant: at most `capacity` entries; when full it is emptied rather than tracking recency,
/// which keeps it bounded and the hit path to one dictionary lookup.
/// Isolation: a `Mutex`; any task may call it.
final class ParsedCertificateCache: Sendable {
    /// The process-wide cache the wire conversions use.
    static let shared = ParsedCertificateCache(capacity: 10_000)

    private let entries: Mutex<[String: CertCrypto.CertificateDetails]>
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        self.entries = Mutex([:])
    }

    /// How many certificates are cached.
    var count: Int { self.entries.withLock { $0.count } }

    /// The details of the certificate with `fingerprint`, parsing `der` on a miss.
    /// - Parameters:
    ///   - fingerprint: lowercase hex SHA-256 of `der`.
    ///   - der: the certificate.
    /// - Returns: the details, or `nil` when the DER does not parse.
    func details(fingerprint: String, der: [UInt8]) -> CertCrypto.CertificateDetails? {
        if let hit = self.entries.withLock({ $0[fingerprint] }) {
            return hit
        }
        guard let parsed = try? CertCrypto.Certificate(der: der).details else { return nil }
        self.entries.withLock { entries in
            if entries.count >= self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[fingerprint] = parsed
        }
        return parsed
    }
}
