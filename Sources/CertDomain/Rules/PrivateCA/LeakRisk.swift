public import CertCrypto
public import Foundation

/// The leak-risk rule of issue 6: a certificate from a private (not publicly trusted) CA that is
/// valid for more than one year carries the warning `leakRisk`.
///
/// Role: shared by PCA issuance and by the upload path, so both say the same sentence.
/// Why a tolerance: issuance back-dates notBefore by 5 minutes for clock skew, so a 365-day
/// certificate spans 365 days and 5 minutes; anything within an hour of 365 days counts as one year.
/// Isolation: stateless.
public enum LeakRisk {
    /// The longest validity, in days, that carries no warning.
    public static let maximumDays = 365

    /// The warning code.
    public static let code = "leakRisk"

    /// The warning, with its sentence.
    public static let warning = CertificateWarning(
        code: code,
        message:
            "This private-CA certificate is valid for more than one year; a shorter validity, one year or less, "
            + "limits the damage of a leaked key.")

    /// Whether the span from `notBefore` to `notAfter` exceeds one year (with the back-dating tolerance).
    public static func isLongLived(notBefore: Date, notAfter: Date) -> Bool {
        notAfter.timeIntervalSince(notBefore) > TimeInterval(self.maximumDays) * 86_400 + 3_600
    }

    /// The leak-risk warnings of an uploaded chain: `leakRisk` when the leaf is valid for more than a
    /// year and the chain does not verify to a root of the system trust store (expiry ignored).
    /// - Parameters:
    ///   - chain: the uploaded leaf first, then its issuers.
    ///   - trustStore: the publicly trusted roots; nil (bundle missing) treats every issuer as private.
    /// - Returns: `[warning]` or `[]`.
    public static func warnings(
        forUploaded chain: [Certificate],
        trustStore: SystemTrustStore? = SystemTrustStore.system
    ) -> [CertificateWarning] {
        guard let leaf = chain.first else { return [] }
        let details = leaf.details
        guard self.isLongLived(notBefore: details.notBefore, notAfter: details.notAfter) else { return [] }
        if let trustStore, trustStore.isTrusted(chain) { return [] }
        return [self.warning]
    }
}
