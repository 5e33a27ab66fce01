/// An X.509 name to put into a CSR or certificate, as ordered attribute/value pairs.
///
/// Role: input to CSR generation and issuance (parsed names are reported as RFC 4514 strings).
/// Invariant: attribute types are OpenSSL short names (`CN`, `O`, `OU`, `C`, `ST`, `L`,
/// `emailAddress`); values are UTF-8.
/// Isolation: a plain value.
public struct DistinguishedName: Sendable, Hashable {
    /// One attribute of the name.
    public struct Attribute: Sendable, Hashable {
        public var type: String
        public var value: String

        public init(_ type: String, _ value: String) {
            self.type = type
            self.value = value
        }
    }

    /// The attributes, most significant first (`C`, `O`, ..., `CN`), as they are encoded.
    public var attributes: [Attribute]

    public init(attributes: [Attribute]) {
        self.attributes = attributes
    }

    /// A name from the common fields; empty ones are left out.
    public init(
        commonName: String,
        organization: String? = nil,
        organizationalUnit: String? = nil,
        country: String? = nil,
        state: String? = nil,
        locality: String? = nil
    ) {
        var attributes: [Attribute] = []
        if let country { attributes.append(.init("C", country)) }
        if let state { attributes.append(.init("ST", state)) }
        if let locality { attributes.append(.init("L", locality)) }
        if let organization { attributes.append(.init("O", organization)) }
        if let organizationalUnit { attributes.append(.init("OU", organizationalUnit)) }
        attributes.append(.init("CN", commonName))
        self.attributes = attributes
    }
}
