/// One page of a listing with the opaque token of the next page.
public struct CertificateListing: Sendable, Equatable {
    public var entries: [CertificateEntry]
    /// Pass back as `pageToken` with the same sort; nil on the last page.
    public var nextPageToken: String?

    public init(entries: [CertificateEntry], nextPageToken: String?) {
        self.entries = entries
        self.nextPageToken = nextPageToken
    }
}
