public import Foundation

/// One entry of a certificate revocation list: which serial, since when, and why.
///
/// Role: input to ``CertificateRevocationList/make(issuer:revoked:thisUpdate:nextUpdate:number:)``
/// and what ``CertificateRevocationList/revoked`` reads back.
/// Invariant: `serialNumberHex` is the serial as lowercase hex without separators (as
/// ``CertificateDetails/serialNumber`` prints it).
/// Isolation: a plain value.
public struct RevokedCertificate: Sendable, Hashable {
    public var serialNumberHex: String
    public var revocationDate: Date
    public var reason: RevocationReason

    public init(serialNumberHex: String, revocationDate: Date, reason: RevocationReason) {
        self.serialNumberHex = serialNumberHex
        self.revocationDate = revocationDate
        self.reason = reason
    }
}
