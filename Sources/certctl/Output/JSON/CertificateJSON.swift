import CertAPI
import CertWire

/// The JSON form of a certificate entry (`cert get`, `cert upload`, each item of `cert list`).
///
/// Role: the documented, stable field list scripts rely on: id, name, source, algorithm
/// (`international`|`sm2`), subject, commonName, sans, issuer, serialNumber (lowercase hex),
/// fingerprintSHA256 (lowercase hex), keyAlgorithm, keySize or curve, signatureAlgorithm,
/// notBefore/notAfter (ISO 8601 UTC), daysRemaining, status (`valid`|`expiringSoon`|`expired`),
/// chainLength, chainComplete, resourceGroup, tags, warnings, createdAt; plus a few more; `shared`
/// (owner side, `cert get` only: the shares; absent when not shared) and `sharedBy` (recipient side:
/// whose certificate it is).
/// Invariant: field names never change; new fields may be added.
/// Isolation: a plain value.
struct CertificateJSON: Encodable {
    var id: String
    var name: String
    var source: String
    var algorithm: String
    /// Encoded inline (its fields sit beside the entry's), not as a nested object.
    var details: CertificateDetailsJSON
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
    /// Owner side: whom the certificate is shared with (absent for shared entries).
    var shared: [CertificateShareJSON]?
    /// Recipient side: the share this entry came from.
    var sharedBy: CertificateShareJSON?

    private enum CodingKeys: String, CodingKey {
        case id, name, source, algorithm, daysRemaining, status, chainLength, chainComplete, resourceGroup, tags
        case warnings, createdAt, updatedAt, csrID, hasKey, encryptionCertificate, duplicateIDs, shared, sharedBy
    }

    init(_ certificate: Certificate) {
        self.id = certificate.id
        self.name = certificate.name
        self.source = certificate.source.jsonName
        self.algorithm = certificate.algorithm.jsonName
        self.details = CertificateDetailsJSON(certificate.details)
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
        self.sharedBy = certificate.sharedBy.map(CertificateShareJSON.init)
        self.shared = certificate.shared.isEmpty ? nil : certificate.shared.map(CertificateShareJSON.init)
    }

    func encode(to encoder: any Encoder) throws {
        try self.details.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.name, forKey: .name)
        try container.encode(self.source, forKey: .source)
        try container.encode(self.algorithm, forKey: .algorithm)
        try container.encode(self.daysRemaining, forKey: .daysRemaining)
        try container.encode(self.status, forKey: .status)
        try container.encode(self.chainLength, forKey: .chainLength)
        try container.encode(self.chainComplete, forKey: .chainComplete)
        try container.encode(self.resourceGroup, forKey: .resourceGroup)
        try container.encode(self.tags, forKey: .tags)
        try container.encode(self.warnings, forKey: .warnings)
        try container.encode(self.createdAt, forKey: .createdAt)
        try container.encode(self.updatedAt, forKey: .updatedAt)
        try container.encodeIfPresent(self.csrID, forKey: .csrID)
        try container.encode(self.hasKey, forKey: .hasKey)
        try container.encodeIfPresent(self.encryptionCertificate, forKey: .encryptionCertificate)
        try container.encodeIfPresent(self.duplicateIDs, forKey: .duplicateIDs)
        try container.encodeIfPresent(self.shared, forKey: .shared)
        try container.encodeIfPresent(self.sharedBy, forKey: .sharedBy)
    }
}
