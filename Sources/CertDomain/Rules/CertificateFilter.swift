/// The filters of a listing (see ``CertificateQuery`` for exact semantics); nil means no filter.
public struct CertificateFilter: Sendable, Equatable {
    public var source: CertificateSource?
    public var expiry: ExpiryFilter?
    public var tag: TagFilter?
    public var resourceGroup: String?
    public var keyAlgorithm: KeyFamily?
    public var text: String?

    public init(
        source: CertificateSource? = nil,
        expiry: ExpiryFilter? = nil,
        tag: TagFilter? = nil,
        resourceGroup: String? = nil,
        keyAlgorithm: KeyFamily? = nil,
        text: String? = nil
    ) {
        self.source = source
        self.expiry = expiry
        self.tag = tag
        self.resourceGroup = resourceGroup
        self.keyAlgorithm = keyAlgorithm
        self.text = text
    }
}
