public import Foundation

/// The expiry status of one certificate at an instant, as listings show it.
public enum CertificateStatus: String, Sendable, Hashable, CaseIterable {
    case valid
    case expiringSoon
    case expired

    /// The window of `expiringSoon`, in days.
    public static let expiringSoonDays = 30

    /// The status of a certificate that ends at `notAfter`, seen at `now` (whole seconds, as
    /// ``ExpiryFilter``): expired when `a < n`, expiringSoon when `a <= n + 30 days`, else valid.
    public init(notAfter: Date, now: Date) {
        let a = notAfter.unixSeconds
        let n = now.unixSeconds
        if a < n {
            self = .expired
        } else if a <= n + Int64(Self.expiringSoonDays) * 86_400 {
            self = .expiringSoon
        } else {
            self = .valid
        }
    }
}
