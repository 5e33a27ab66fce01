import CertAPI
import CertWire
import Foundation

/// The JSON form of `tools describe`: the same detail fields as `cert get` (without the entry's
/// id, name and labels), computed for a file that is not stored.
///
/// Role: `daysRemaining` and `status` are computed here with the server's rules (whole days
/// rounded down; `expiringSoon` within 30 days), since the describe call does not return them.
/// Isolation: a plain value.
struct DescriptionJSON: Encodable {
    var algorithm: String
    /// Encoded inline (its fields sit beside the computed ones), not as a nested object.
    var details: CertificateDetailsJSON
    var daysRemaining: Int64
    var status: String
    var chainLength: UInt32
    var chainComplete: Bool
    var warnings: [WarningJSON]
    var chain: [CertificateDetailsJSON]

    private enum CodingKeys: String, CodingKey {
        case algorithm, daysRemaining, status, chainLength, chainComplete, warnings, chain
    }

    init(_ response: DescribeResponse, now: Date) {
        self.algorithm = response.details.keyAlgorithm == "SM2" ? "sm2" : "international"
        self.details = CertificateDetailsJSON(response.details)
        let expiry = Expiry(notAfter: response.details.notAfter, now: now)
        self.daysRemaining = expiry.daysRemaining
        self.status = expiry.status
        self.chainLength = response.chainLength
        self.chainComplete = response.chainComplete
        self.warnings = response.warnings.map(WarningJSON.init)
        self.chain = response.chain.map(CertificateDetailsJSON.init)
    }

    func encode(to encoder: any Encoder) throws {
        try self.details.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.algorithm, forKey: .algorithm)
        try container.encode(self.daysRemaining, forKey: .daysRemaining)
        try container.encode(self.status, forKey: .status)
        try container.encode(self.chainLength, forKey: .chainLength)
        try container.encode(self.chainComplete, forKey: .chainComplete)
        try container.encode(self.warnings, forKey: .warnings)
        try container.encode(self.chain, forKey: .chain)
    }
}
