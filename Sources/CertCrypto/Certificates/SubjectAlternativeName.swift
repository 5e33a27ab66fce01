/// One subject alternative name, by kind.
///
/// Role: read from certificates and CSRs, and given to CSR generation and issuance.
/// Invariant: IP addresses are textual (`127.0.0.1`, `::1`); other kinds hold the raw string.
/// Isolation: a plain value.
public enum SubjectAlternativeName: Sendable, Hashable, CustomStringConvertible {
    case dns(String)
    case ip(String)
    case email(String)
    case uri(String)

    public var description: String {
        switch self {
        case .dns(let v): "DNS:\(v)"
        case .ip(let v): "IP:\(v)"
        case .email(let v): "email:\(v)"
        case .uri(let v): "URI:\(v)"
        }
    }
}

extension Array where Element == SubjectAlternativeName {
    /// The DNS names, in order.
    public var dnsNames: [String] { self.compactMap { if case .dns(let v) = $0 { v } else { nil } } }
    /// The IP addresses, in order.
    public var ipAddresses: [String] { self.compactMap { if case .ip(let v) = $0 { v } else { nil } } }
    /// The email addresses, in order.
    public var emailAddresses: [String] { self.compactMap { if case .email(let v) = $0 { v } else { nil } } }
    /// The URIs, in order.
    public var uris: [String] { self.compactMap { if case .uri(let v) = $0 { v } else { nil } } }
}
