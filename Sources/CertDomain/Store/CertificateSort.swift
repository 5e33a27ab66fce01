/// How a listing is ordered.
public struct CertificateSort: Sendable, Hashable {
    /// The primary sort key (ties broken by id).
    public enum Field: UInt8, Sendable, Hashable, CaseIterable {
        /// `details.notAfter.unixSeconds`. Index: (owner, notAfter, id).
        case notAfter = 1
        /// `name`, byte order. Index: (owner, name) (names are unique per owner).
        case name = 2
        /// `createdAt.unixMilliseconds`. Index: (owner, createdAt, id).
        case createdAt = 3
    }

    public enum Order: UInt8, Sendable, Hashable, CaseIterable {
        case ascending = 1
        case descending = 2
    }

    public var field: Field
    public var order: Order

    public init(field: Field, order: Order) {
        self.field = field
        self.order = order
    }
}
