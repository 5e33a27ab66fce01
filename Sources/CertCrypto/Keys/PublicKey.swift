internal import COpenSSL

/// A public key (from a certificate, a CSR or a private key), compared by key value.
///
/// Role: key matching, fingerprints in mismatch errors, and the subject key at issuance.
/// Equality is `EVP_PKEY_eq(...) == 1` (it also returns 0, -1, -2; only 1 is a match).
/// Isolation: a `Sendable` value over an immutable OpenSSL key.
public struct PublicKey: Sendable, Equatable, CustomStringConvertible {
    let handle: PKeyHandle

    init(handle: PKeyHandle) {
        self.handle = handle
    }

    /// The SubjectPublicKeyInfo DER.
    public var der: [UInt8] {
        OpenSSLEncoding.der { i2d_PUBKEY(self.handle.pointer, $0) } ?? []
    }

    /// SHA-256 of the SubjectPublicKeyInfo DER, lowercase hex.
    public var fingerprint: String { Digest.sha256Hex(self.der) }

    /// The key's algorithm with size or curve.
    public var algorithm: KeyAlgorithm { OpenSSLEncoding.algorithm(of: self.handle.pointer) }

    public var description: String { "PublicKey(\(self.algorithm), sha256:\(self.fingerprint.prefix(16)))" }

    /// Whether both are the same key (`EVP_PKEY_eq == 1`; mixed types are simply not equal).
    public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool {
        let result = EVP_PKEY_eq(lhs.handle.pointer, rhs.handle.pointer)
        OpenSSLError.clearQueue()
        return result == 1
    }
}
