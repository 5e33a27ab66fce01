public import Foundation

/// What certd found at a target's TLS endpoint after deploying.
///
/// Invariant: `foundFingerprintSHA256` is set for `verified` and `servesOther`; `detail` says why
/// for `unreachable`; `attempts >= 1` (checks made, the last one's result is recorded).
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
    /// Checks made before this result: verification retries while the endpoint is unreachable or
    /// serves another leaf (a reload may take a moment). Records stored before retries decode as 1.
    public var attempts: Int

    public init(
        result: Result, foundFingerprintSHA256: String = "", detail: String = "", checkedAt: Date, attempts: Int = 1
    ) {
        self.result = result
        self.foundFingerprintSHA256 = foundFingerprintSHA256
        self.detail = detail
        self.checkedAt = checkedAt
        self.attempts = attempts
    }

    enum CodingKeys: String, CodingKey {
        case result, foundFingerprintSHA256, detail, checkedAt, attempts
    }

    /// Decodes stored records, including those written before `attempts` existed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.result = try container.decode(Result.self, forKey: .result)
        self.foundFingerprintSHA256 = try container.decode(String.self, forKey: .foundFingerprintSHA256)
        self.detail = try container.decode(String.self, forKey: .detail)
        self.checkedAt = try container.decode(Date.self, forKey: .checkedAt)
        self.attempts = try container.decodeIfPresent(Int.self, forKey: .attempts) ?? 1
    }
}
