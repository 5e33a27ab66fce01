import CertAPI
import CertWire

/// The JSON form of a certificate entry (`cert get`, `cert upload`, each item of `cert list`).
///
/// Role: the documented, stable field list scripts rely on: id, name, source, algorithm
/// (`international`|`sm2`), subject, commonName, sans, issuer, serialNumber (lowercase hex),
/// fingerprintSHA256 (lowercase hex), keyAlgorithm, keySize or curve, signatureAlgorithm,
/// notBefore/notAfter (ISO 8601 UTC), daysRemaining, status (`valid`|`expiringSoon`|`expired`),
/// chainLength, chainComplete, resourceGroup, tags, warnings, createdAt; plus a few more.
/// Invariant: field names never change; new fields may be added.
/// Isolation: a plain value.
struct CertificateJSON: Encodable {
    var id: String
    var name: String
    var source: String
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
    var daysRemaining: Int32
    var status: String
    var chainLength: UInt32
    var chainComplete: Bool
    var resourceGroup: String
    var tags: [String: String]
    var warnings: [WarningJSON]
    var createdAt: String
    var updatedAt: String
    var csrID: String?
    var hasKey: Bool
    var encryptionCertificate: CertificateDetailsJSON?
    /// `cert upload` only: other entries of the account holding the same certificate.
    var duplicateIDs: [String]?

    init(_ certificate: Certificate) {
        let details = CertificateDetailsJSON(certificate.details)
        self.id = certificate.id
        self.name = certificate.name
        self.source = certificate.source.jsonName
        self.algorithm = certificate.algorithm.jsonName
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
        self.daysRemaining = certificate.daysRemaining
        self.status = certificate.status.jsonName
        self.chainLength = certificate.chainLength
        self.chainComplete = certificate.chainComplete
        self.resourceGroup = certificate.resourceGroup
        self.tags = certificate.tags
        self.warnings = certificate.warnings.map(WarningJSON.init)
        self.createdAt = certificate.createdAt.iso8601
        self.updatedAt = certificate.updatedAt.iso8601
        self.csrID = certificate.csrID
        self.hasKey = certificate.hasKey
        self.encryptionCertificate = certificate.encryptionDetails.map(CertificateDetailsJSON.init)
    }
}
