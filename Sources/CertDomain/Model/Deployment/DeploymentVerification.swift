public import Foundation

/// What certd found at a target's TLS endpoint after deploying.
///
/// Invariant: `foundFingerprintSHA256` is set for `verified` and `servesOther`; `detail` says why
/// for `unreachable`.
public struct DeploymentVerification: Sendable, Equatable, Codable {
    /// The outcome of one check. Stored by `rawValue`.
    public enum Result: String, Sendable, Hashable, Codable {
        /// The endpoint serves the deployed certificate.
        case verified
        /// The endpoint answered TLS with another leaf.
        case servesOther
        /// No TLS answer (refused, timed out, handshake failed).
        case unreachable
    }

    public var result: Result
    /// The SHA-256 of the served leaf, lowercase hex; empty when none was read.
    public var foundFingerprintSHA256: String
    /// Why the endpoint was unreachable; empty otherwise.
    public var detail: String
    public var checkedAt: Date

    public init(result: Result, foundFingerprintSHA256: String = "", detail: String = "", checkedAt: Date) {
        self.result = result
        self.foundFingerprintSHA256 = foundFingerprintSHA256
        self.detail = detail
        self.checkedAt = checkedAt
    }
}
