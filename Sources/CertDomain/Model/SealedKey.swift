/// A private key sealed (AES-256-GCM via CertCrypto) under the master key.
///
/// Invariant: `blob` was sealed with associated data ``SealedKey/associatedData(for:role:)`` of the
/// record that holds it, so a blob copied into another record does not open.
public struct SealedKey: Sendable, Equatable {
    public var role: KeyRole
    /// The sealed bytes as CertCrypto's sealer produced them (nonce, ciphertext and tag).
    public var blob: [UInt8]

    public init(role: KeyRole, blob: [UInt8]) {
        self.role = role
        self.blob = blob
    }

    /// The associated data that binds a sealed key to its record and role:
    /// UTF-8 of `"certd.key.v1|" + recordID + "|" + role.rawValue`.
    ///
    /// The store uses the same function when it re-seals keys during master-key rotation.
    /// - Parameters:
    ///   - recordID: the certificate or CSR id (raw value).
    ///   - role: the key's role.
    /// - Returns: the associated-data bytes.
    public static func associatedData(for recordID: String, role: KeyRole) -> [UInt8] {
        Array("certd.key.v1|\(recordID)|\(role.rawValue)".utf8)
    }
}
