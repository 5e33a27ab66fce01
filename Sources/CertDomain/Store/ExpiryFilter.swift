/// An expiry-status filter. With `n = now.unixSeconds`, `a = notAfter.unixSeconds`, `w = days * 86_400`:
public enum ExpiryFilter: Sendable, Hashable {
    /// `a < n`: the certificate has expired.
    case expired
    /// `a >= n`: not expired (valid or expiring soon).
    case notExpired
    /// `n <= a && a <= n + w`: not expired, and expires within `days` days.
    case expiringWithin(days: Int)
    /// `a > n + w`: valid beyond `days` days; `.validBeyond(days: 30)` is the listing's `valid` status.
    case validBeyond(days: Int)
}
