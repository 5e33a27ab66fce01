/// A key usage bit (RFC 5280 4.2.1.3), named as OpenSSL's configuration names it.
///
/// Role: described in ``CertificateDetails`` and requested at issuance. Isolation: a plain value.
public enum KeyUsage: String, Sendable, Hashable, CaseIterable {
    case digitalSignature
    case nonRepudiation
    case keyEncipherment
    case dataEncipherment
    case keyAgreement
    case keyCertSign
    case cRLSign
    case encipherOnly
    case decipherOnly
}

/// An extended key usage purpose (RFC 5280 4.2.1.12).
///
/// Role: described in ``CertificateDetails`` and requested at issuance. Isolation: a plain value.
public enum ExtendedKeyUsage: Sendable, Hashable, CustomStringConvertible {
    case serverAuth
    case clientAuth
    case codeSigning
    case emailProtection
    case timeStamping
    case ocspSigning
    /// Any other purpose, by dotted OID.
    case other(oid: String)

    /// OpenSSL's short name (`serverAuth`) or the dotted OID.
    public var description: String {
        switch self {
        case .serverAuth: "serverAuth"
        case .clientAuth: "clientAuth"
        case .codeSigning: "codeSigning"
        case .emailProtection: "emailProtection"
        case .timeStamping: "timeStamping"
        case .ocspSigning: "OCSPSigning"
        case .other(let oid): oid
        }
    }
}
