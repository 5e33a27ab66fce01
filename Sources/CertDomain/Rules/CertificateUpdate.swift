/// Changes to a certificate entry; nil or empty fields change nothing.
public struct CertificateUpdate: Sendable, Equatable {
    public var name: String?
    /// Tags to add or overwrite.
    public var setTags: [String: String]
    /// Tag keys to remove (applied before `setTags`).
    public var removeTags: [String]
    /// The new resource group ("" clears it).
    public var resourceGroup: String?

    public init(
        name: String? = nil, setTags: [String: String] = [:], removeTags: [String] = [], resourceGroup: String? = nil
    ) {
        self.name = name
        self.setTags = setTags
        self.removeTags = removeTags
        self.resourceGroup = resourceGroup
    }
}
