/// One page of a certificate listing.
///
/// Invariant: `entries` are in the query's order; `next` is nil exactly when no matching entry
/// followed the last one at read time.
public struct CertificatePage: Sendable, Equatable {
    public var entries: [CertificateEntry]
    /// Where the next page starts; pass as ``CertificateQuery/after``.
    public var next: CertificateCursor?

    public init(entries: [CertificateEntry], next: CertificateCursor?) {
        self.entries = entries
        self.next = next
    }
}
