/// Why sealing or opening a blob failed.
///
/// Role: thrown by ``Sealer`` and ``MasterKey``. Isolation: a plain value.
public enum SealingError: Error, Sendable, Equatable {
    /// A master key must be exactly 32 bytes.
    case invalidMasterKeyLength(Int)
    /// The blob is too short or otherwise not a sealed box.
    case malformedBox(length: Int)
    /// The blob's layout version is not one this build can open.
    case unsupportedVersion(UInt8)
    /// Authentication failed: wrong master key, wrong associated data (blob moved to another
    /// record), or the blob was altered.
    case authenticationFailed
    /// OpenSSL failed on valid input (should not happen).
    case cryptoFailure(OpenSSLError)

    /// Stable camelCase code.
    public var reason: String {
        switch self {
        case .invalidMasterKeyLength: "invalidMasterKeyLength"
        case .malformedBox: "malformedBox"
        case .unsupportedVersion: "unsupportedVersion"
        case .authenticationFailed: "authenticationFailed"
        case .cryptoFailure: "cryptoFailure"
        }
    }
}
