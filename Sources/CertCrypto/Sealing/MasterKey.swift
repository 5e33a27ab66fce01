internal import COpenSSL

/// A 256-bit AES key that seals private keys at rest.
///
/// Role: loaded from (or created in) certd's data directory, handed to ``Sealer``.
/// Invariant: exactly 32 bytes. Isolation: a plain value; `description` never prints the key.
public struct MasterKey: Sendable, Equatable, CustomStringConvertible {
    /// The raw key; write it to a 0600 file, never log it.
    public let bytes: [UInt8]

    /// Wraps existing key bytes.
    /// - Throws: ``SealingError/invalidMasterKeyLength(_:)`` unless exactly 32 bytes.
    public init(bytes: [UInt8]) throws(SealingError) {
        guard bytes.count == 32 else { throw .invalidMasterKeyLength(bytes.count) }
        self.bytes = bytes
    }

    /// A fresh random key from OpenSSL's CSPRNG.
    /// - Throws: ``SealingError/cryptoFailure(_:)`` if the RNG fails.
    public static func generate() throws(SealingError) -> MasterKey {
        try MasterKey(bytes: Sealer.randomBytes(32))
    }

    public var description: String { "MasterKey(32 bytes)" }
}
