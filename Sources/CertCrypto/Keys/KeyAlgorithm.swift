/// A public-key algorithm with its size or curve, as found in a certificate, key or CSR, and as
/// requested for key generation.
///
/// Role: description (``CertificateDetails/keyAlgorithm``) and generation input
/// (``PrivateKey/generate(_:)`` accepts RSA 2048/3072/4096, EC P-256/P-384 and SM2).
/// Isolation: a plain value.
public enum KeyAlgorithm: Sendable, Hashable, CustomStringConvertible {
    case rsa(bits: Int)
    /// An EC key on a named curve, by OpenSSL group name (`prime256v1`, `secp384r1`, `secp521r1`).
    case ec(curve: String)
    /// SM2 (GM/T 0003) on the SM2 curve.
    case sm2
    case ed25519
    case ed448
    /// Anything else, by OpenSSL's type name (`DSA`, `RSA-PSS`, ...).
    case other(String)

    /// EC P-256 (`prime256v1`).
    public static let p256 = KeyAlgorithm.ec(curve: "prime256v1")
    /// EC P-384 (`secp384r1`).
    public static let p384 = KeyAlgorithm.ec(curve: "secp384r1")

    public var description: String {
        switch self {
        case .rsa(let bits): "RSA \(bits)"
        case .ec(let curve): "EC \(Self.displayName(curve: curve))"
        case .sm2: "SM2"
        case .ed25519: "Ed25519"
        case .ed448: "Ed448"
        case .other(let name): name
        }
    }

    /// The short family name: `RSA`, `EC`, `SM2`, `Ed25519`, `Ed448` or OpenSSL's name.
    public var family: String {
        switch self {
        case .rsa: "RSA"
        case .ec: "EC"
        case .sm2: "SM2"
        case .ed25519: "Ed25519"
        case .ed448: "Ed448"
        case .other(let name): name
        }
    }

    static func displayName(curve: String) -> String {
        switch curve {
        case "prime256v1", "P-256", "secp256r1": "P-256"
        case "secp384r1", "P-384": "P-384"
        case "secp521r1", "P-521": "P-521"
        default: curve
        }
    }
}
