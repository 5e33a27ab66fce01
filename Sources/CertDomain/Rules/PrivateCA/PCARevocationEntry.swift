import CertCrypto
import Foundation

/// A revoked certificate as the CRL lists it (the `pca.revoked` index), so a CRL never scans all issued
/// certificates.
struct PCARevocationEntry: Codable, Sendable {
    var serialNumberHex: String
    var revokedAt: Date
    var reason: RevocationReason
}
