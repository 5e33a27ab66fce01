/// What a sealed key is for. Stored by `rawValue`; append-only.
public enum KeyRole: String, Sendable, Hashable, CaseIterable {
    /// The key of an international certificate, or the SM2 signing key.
    case signing
    /// The SM2 encryption key.
    case encryption
    /// The key generated for a CSR (held by the CSR entry until a certificate takes it).
    case csr
}
