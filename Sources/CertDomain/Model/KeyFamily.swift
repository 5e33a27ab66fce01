/// The public-key algorithm family of a leaf or CSR (CertCrypto's `KeyAlgorithm` without size or
/// curve, which live in ``CertificateFacts``). Named apart from `CertCrypto.KeyAlgorithm` so files that
/// import both need no qualification. Stored by `rawValue` (the wire spelling); append-only.
public enum KeyFamily: String, Sendable, Hashable, CaseIterable {
    case rsa = "RSA"
    case ec = "EC"
    case sm2 = "SM2"
    case ed25519 = "Ed25519"
    case ed448 = "Ed448"
}
