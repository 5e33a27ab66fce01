public import Foundation

/// A certificate's validity period.
///
/// Role: issuance input. Invariant: none enforced here; issuance refuses `notAfter <= notBefore`.
/// Isolation: a plain value.
public struct Validity: Sendable, Hashable {
    public var notBefore: Date
    public var notAfter: Date

    public init(notBefore: Date, notAfter: Date) {
        self.notBefore = notBefore
        self.notAfter = notAfter
    }

    /// `days` days starting at `start` (back-dated 5 minutes for clock skew between machines).
    /// - Parameters:
    ///   - days: length of the period.
    ///   - start: when it starts; pass the injected clock's now.
    /// - Returns: the period.
    public static func days(_ days: Int, from start: Date) -> Validity {
        Validity(
            notBefore: start.addingTimeInterval(-300),
            notAfter: start.addingTimeInterval(TimeInterval(days) * 86_400)
        )
    }
}
