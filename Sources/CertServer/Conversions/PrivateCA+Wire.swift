import CertAPI
import CertCrypto
import CertDomain
import CertWire
import Foundation

extension PrivateCA {
    /// The wire form of a CA record (certificate and chain as PEM).
    var wire: PCAAuthority {
        PCAAuthority(
            id: self.id.rawValue,
            region: self.region,
            kind: self.kind == .root ? .root : .intermediate,
            parentID: self.parentID?.rawValue,
            keyType: self.algorithm.wire,
            subject: self.subject,
            commonName: self.commonName,
            pathLength: self.pathLength.map { Int32($0) },
            serialNumber: self.serialNumberHex,
            notBefore: Timestamp(self.notBefore),
            notAfter: Timestamp(self.notAfter),
            createdAt: Timestamp(self.createdAt),
            certificatePEM: PEMEncoding.encode(self.certificateDER, label: "CERTIFICATE"),
            chainPEM: self.chainDER.map { PEMEncoding.encode($0, label: "CERTIFICATE") }.joined(),
            crlNumber: self.crlNumber,
            status: self.isRevoked ? .revoked : .active,
            revokedAt: self.revokedAt.map { Timestamp($0) },
            revocationReason: self.revocationReason.map(PCARevocationReason.init(domain:)) ?? .unspecified
        )
    }
}

extension PCAKeyAlgorithm {
    /// The wire key type.
    var wire: KeyType {
        switch self {
        case .rsa2048: .rsa2048
        case .rsa3072: .rsa3072
        case .rsa4096: .rsa4096
        case .ecP256: .ecP256
        case .ecP384: .ecP384
        case .sm2: .sm2
        }
    }

    /// The domain algorithm of a wire key type (P-256 when unspecified).
    /// - Throws: ``DomainError/invalidArgument(field:detail:)`` for an unknown value.
    init(wire: KeyType) throws(DomainError) {
        switch wire {
        case .keyTypeUnspecified, .ecP256: self = .ecP256
        case .ecP384: self = .ecP384
        case .rsa2048: self = .rsa2048
        case .rsa3072: self = .rsa3072
        case .rsa4096: self = .rsa4096
        case .sm2: self = .sm2
        case .unrecognized(let value):
            throw .invalidArgument(field: "keyType", detail: "unknown key type \(value)")
        }
    }
}

extension PCACertificate {
    /// The wire form of an issued certificate; `withPEM` adds the certificate PEM (get, issue, re-issue).
    func wire(withPEM: Bool) -> PCAIssuedCertificate {
        PCAIssuedCertificate(
            id: self.id.rawValue,
            caID: self.caID.rawValue,
            commonName: self.commonName,
            subject: self.subject,
            sans: self.subjectAlternativeNames,
            serverAuth: self.serverAuth,
            clientAuth: self.clientAuth,
            validityDays: UInt32(clamping: self.validityDays),
            keyAlgorithm: self.algorithm,
            serialNumber: self.serialNumberHex,
            fingerprintSHA256: self.fingerprintSHA256,
            notBefore: Timestamp(self.notBefore),
            notAfter: Timestamp(self.notAfter),
            hasKey: self.hasKey,
            riskAccepted: self.riskAccepted,
            status: self.status.wire,
            inventoryID: self.inventoryEntryID,
            revokedAt: self.revokedAt.map { Timestamp($0) },
            revocationReason: self.revocationReason.map(PCARevocationReason.init(domain:)) ?? .unspecified,
            warnings: self.warnings.map { CertAPI.CertificateWarning(code: $0.code, message: $0.message) },
            createdAt: Timestamp(self.createdAt),
            certificatePEM: withPEM ? PEMEncoding.encode(self.certificateDER, label: "CERTIFICATE") : ""
        )
    }
}

extension PCACertificate.Status {
    var wire: PCACertificateStatus {
        switch self {
        case .notSynced: .notSynced
        case .uploaded: .uploaded
        case .revoked: .revoked
        }
    }

    /// The domain status of a wire filter; nil for "any".
    /// - Throws: ``DomainError/invalidArgument(field:detail:)`` for an unknown value.
    static func filter(_ wire: PCACertificateStatus) throws(DomainError) -> Self? {
        switch wire {
        case .pcaStatusUnspecified: nil
        case .notSynced: .notSynced
        case .uploaded: .uploaded
        case .revoked: .revoked
        case .unrecognized(let value): throw .invalidArgument(field: "status", detail: "unknown status \(value)")
        }
    }
}

extension PCARevocationReason {
    init(domain: RevocationReason) {
        switch domain {
        case .unspecified, .removeFromCRL: self = .unspecified
        case .keyCompromise: self = .keyCompromise
        case .caCompromise: self = .caCompromise
        case .affiliationChanged: self = .affiliationChanged
        case .superseded: self = .superseded
        case .cessationOfOperation: self = .cessationOfOperation
        case .certificateHold: self = .certificateHold
        case .privilegeWithdrawn: self = .privilegeWithdrawn
        case .aaCompromise: self = .aaCompromise
        }
    }

    /// The CertCrypto reason of a wire value.
    /// - Throws: ``DomainError/invalidArgument(field:detail:)`` for an unknown value.
    func domain() throws(DomainError) -> RevocationReason {
        switch self {
        case .unspecified: .unspecified
        case .keyCompromise: .keyCompromise
        case .caCompromise: .caCompromise
        case .affiliationChanged: .affiliationChanged
        case .superseded: .superseded
        case .cessationOfOperation: .cessationOfOperation
        case .certificateHold: .certificateHold
        case .privilegeWithdrawn: .privilegeWithdrawn
        case .aaCompromise: .aaCompromise
        case .unrecognized(let value): throw .invalidArgument(field: "reason", detail: "unknown reason \(value)")
        }
    }
}
