import CertAPI

/// The JSON form of a private CA (`pca root|intermediate create|list`).
///
/// Isolation: a plain value.
struct PCAAuthorityJSON: Encodable {
    var id: String
    var region: String
    var kind: String
    var parentID: String?
    var keyType: String
    var subject: String
    var commonName: String
    var pathLength: Int32?
    var serialNumber: String
    var notBefore: String
    var notAfter: String
    var createdAt: String
    var crlNumber: UInt64
    /// `active` or `revoked`.
    var status: String
    /// Set when revoked.
    var revokedAt: String?
    var revocationReason: String?
    var certificatePEM: String
    var chainPEM: String

    init(_ authority: PCAAuthority) {
        self.id = authority.id
        self.region = authority.region
        self.kind = authority.kind.jsonName
        self.parentID = authority.parentID
        self.keyType = authority.keyType.jsonName
        self.subject = authority.subject
        self.commonName = authority.commonName
        self.pathLength = authority.pathLength
        self.serialNumber = authority.serialNumber
        self.notBefore = authority.notBefore.iso8601
        self.notAfter = authority.notAfter.iso8601
        self.createdAt = authority.createdAt.iso8601
        self.crlNumber = authority.crlNumber
        self.status = authority.status.jsonName
        self.revokedAt = authority.revokedAt?.iso8601
        self.revocationReason = authority.status == .revoked ? authority.revocationReason.jsonName : nil
        self.certificatePEM = authority.certificatePEM
        self.chainPEM = authority.chainPEM
    }
}

/// The JSON form of a private-CA certificate (`pca issue|revoke|reissue|cert get`, items of `pca cert list`).
///
/// Isolation: a plain value.
struct PCACertificateJSON: Encodable {
    var id: String
    var caID: String
    var commonName: String
    var subject: String
    var sans: [String]
    var serverAuth: Bool
    var clientAuth: Bool
    var validityDays: UInt32
    var keyAlgorithm: String
    var serialNumber: String
    var fingerprintSHA256: String
    var notBefore: String
    var notAfter: String
    var hasKey: Bool
    var riskAccepted: Bool
    var status: String
    var inventoryID: String?
    var revokedAt: String?
    var revocationReason: String?
    var warnings: [WarningJSON]
    var createdAt: String
    var certificatePEM: String?

    init(_ certificate: PCAIssuedCertificate) {
        self.id = certificate.id
        self.caID = certificate.caID
        self.commonName = certificate.commonName
        self.subject = certificate.subject
        self.sans = certificate.sans
        self.serverAuth = certificate.serverAuth
        self.clientAuth = certificate.clientAuth
        self.validityDays = certificate.validityDays
        self.keyAlgorithm = certificate.keyAlgorithm
        self.serialNumber = certificate.serialNumber
        self.fingerprintSHA256 = certificate.fingerprintSHA256
        self.notBefore = certificate.notBefore.iso8601
        self.notAfter = certificate.notAfter.iso8601
        self.hasKey = certificate.hasKey
        self.riskAccepted = certificate.riskAccepted
        self.status = certificate.status.jsonName
        self.inventoryID = certificate.inventoryID
        self.revokedAt = certificate.revokedAt?.iso8601
        self.revocationReason = certificate.status == .revoked ? certificate.revocationReason.jsonName : nil
        self.warnings = certificate.warnings.map(WarningJSON.init)
        self.createdAt = certificate.createdAt.iso8601
        self.certificatePEM = certificate.certificatePEM.isEmpty ? nil : certificate.certificatePEM
    }
}

extension PCAKind {
    var jsonName: String {
        switch self {
        case .pcaKindUnspecified: ""
        case .root: "root"
        case .intermediate: "intermediate"
        case .unrecognized(let value): "unknown(\(value))"
        }
    }
}

extension PCAAuthorityStatus {
    /// An old server sends no status: every CA it knows is active.
    var jsonName: String {
        switch self {
        case .authorityStatusUnspecified, .active: "active"
        case .revoked: "revoked"
        case .unrecognized(let value): "unknown(\(value))"
        }
    }
}

extension PCACertificateStatus {
    var jsonName: String {
        switch self {
        case .pcaStatusUnspecified: ""
        case .notSynced: "notSynced"
        case .uploaded: "uploaded"
        case .revoked: "revoked"
        case .unrecognized(let value): "unknown(\(value))"
        }
    }
}

extension PCARevocationReason {
    var jsonName: String {
        switch self {
        case .unspecified: "unspecified"
        case .keyCompromise: "keyCompromise"
        case .caCompromise: "caCompromise"
        case .affiliationChanged: "affiliationChanged"
        case .superseded: "superseded"
        case .cessationOfOperation: "cessationOfOperation"
        case .certificateHold: "certificateHold"
        case .privilegeWithdrawn: "privilegeWithdrawn"
        case .aaCompromise: "aaCompromise"
        case .unrecognized(let value): "unknown(\(value))"
        }
    }
}

extension PCASyncResult {
    var jsonName: String {
        switch self {
        case .syncResultUnspecified: ""
        case .synced: "synced"
        case .alreadySynced: "alreadySynced"
        case .syncFailed: "failed"
        case .unrecognized(let value): "unknown(\(value))"
        }
    }
}

extension KeyType {
    var jsonName: String {
        switch self {
        case .keyTypeUnspecified: ""
        case .rsa2048: "rsa2048"
        case .rsa3072: "rsa3072"
        case .rsa4096: "rsa4096"
        case .ecP256: "ecP256"
        case .ecP384: "ecP384"
        case .sm2: "sm2"
        case .unrecognized(let value): "unknown(\(value))"
        }
    }
}
