/// A sealed blob and its versioned byte layout.
///
/// Layout v1: `0x01 | nonce (12 bytes) | ciphertext | GCM tag (16 bytes)`. The associated data
/// is not stored: the caller supplies it again to open (it binds the blob to its record).
/// Role: what CertStore persists for private keys. Isolation: a plain value.
public struct SealedBox: Sendable, Hashable {
    public static let currentVersion: UInt8 = 1
    static let nonceLength = 12
    static let tagLength = 16
    static let overhead = 1 + nonceLength + tagLength

    /// The full serialised box.
    public let bytes: [UInt8]

    /// Wraps stored bytes, checking the layout.
    /// - Throws: ``SealingError/malformedBox(length:)`` or ``SealingError/unsupportedVersion(_:)``.
    public init(bytes: [UInt8]) throws(SealingError) {
        guard bytes.count >= Self.overhead else { throw .malformedBox(length: bytes.count) }
        guard bytes[0] == Self.currentVersion else { throw .unsupportedVersion(bytes[0]) }
        self.bytes = bytes
    }

    init(nonce: [UInt8], ciphertext: [UInt8], tag: [UInt8]) {
        self.bytes = [Self.currentVersion] + nonce + ciphertext + tag
    }

    public var version: UInt8 { self.bytes[0] }
    public var nonce: ArraySlice<UInt8> { self.bytes[1..<(1 + Self.nonceLength)] }
    public var ciphertext: ArraySlice<UInt8> {
        self.bytes[(1 + Self.nonceLength)..<(self.bytes.count - Self.tagLength)]
    }
    public var tag: ArraySlice<UInt8> { self.bytes[(self.bytes.count - Self.tagLength)...] }
}
