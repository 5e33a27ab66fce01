public import CertCrypto

/// The key algorithms a private CA and its certificates may use (issue 6: RSA 2048-4096, EC P-256/P-384,
/// SM2 signing with SM3).
///
/// Role: stored in PCA records by `rawValue`, mapped to CertCrypto's ``CertCrypto/KeyAlgorithm`` for
/// generation. Isolation: a plain value.
public enum PCAKeyAlgorithm: String, Sendable, Hashable, CaseIterable, Codable {
    case rsa2048
    case rsa3072
    case rsa4096
    case ecP256
    case ecP384
    case sm2

    /// What CertCrypto generates.
    public var keyAlgorithm: KeyAlgorithm {
        switch self {
        case .rsa2048: .rsa(bits: 2048)
        case .rsa3072: .rsa(bits: 3072)
        case .rsa4096: .rsa(bits: 4096)
        case .ecP256: .p256
        case .ecP384: .p384
        case .sm2: .sm2
        }
    }
}
