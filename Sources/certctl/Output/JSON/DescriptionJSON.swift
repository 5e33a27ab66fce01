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
    var subject: String
    var commonName: String
    var sans: [String]
    var issuer: String
    var serialNumber: String
    var fingerprintSHA256: String
    var fingerprintSHA1: String?
    var keyAlgorithm: String
    var keySize: UInt32?
    var curve: String?
    var signatureAlgorithm: String
    var notBefore: String
    var notAfter: String
    var daysRemaining: Int64
    var status: String
    var isCA: Bool
    var pathLength: Int32?
    var keyUsage: [String]
    var extendedKeyUsage: [String]
    var selfSigned: Bool
    var chainLength: UInt32
    var chainComplete: Bool
    var warnings: [WarningJSON]
    var chain: [CertificateDetailsJSON]

    init(_ response: DescribeResponse, now: Date) {
        let details = CertificateDetailsJSON(response.details)
        self.algorithm = response.details.keyAlgorithm == "SM2" ? "sm2" : "international"
        self.subject = details.subject
        self.commonName = details.commonName
        self.sans = details.sans
        self.issuer = details.issuer
        self.serialNumber = details.serialNumber
        self.fingerprintSHA256 = details.fingerprintSHA256
        self.fingerprintSHA1 = details.fingerprintSHA1
        self.keyAlgorithm = details.keyAlgorithm
        self.keySize = details.keySize
        self.curve = details.curve
        self.signatureAlgorithm = details.signatureAlgorithm
        self.notBefore = details.notBefore
        self.notAfter = details.notAfter
        let expiry = Expiry(notAfter: response.details.notAfter, now: now)
        self.daysRemaining = expiry.daysRemaining
        self.status = expiry.status
        self.isCA = details.isCA
        self.pathLength = details.pathLength
        self.keyUsage = details.keyUsage
        self.extendedKeyUsage = details.extendedKeyUsage
        self.selfSigned = details.selfSigned
        self.chainLength = response.chainLength
        self.chainComplete = response.chainComplete
        self.warnings = response.warnings.map(WarningJSON.init)
        self.chain = response.chain.map(CertificateDetailsJSON.init)
    }
}
