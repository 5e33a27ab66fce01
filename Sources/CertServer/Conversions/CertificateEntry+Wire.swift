import CertAPI
import CertCrypto
import CertDomain
import CertWire
import Foundation

extension CertificateEntry {
    /// The wire form of a stored entry.
    /// - Parameters:
    ///   - now: the time `status` and `daysRemaining` are computed for.
    ///   - isDetailed: also parse the leaf for the fields the listing facts do not keep (SHA-1,
    ///     basic constraints, key usages, self-signed); listings leave them empty to stay cheap.
    /// - Returns: the message.
    func wire(now: Date, isDetailed: Bool) -> CertAPI.Certificate {
        var details = self.details.wire
        if isDetailed,
            let parsed = ParsedCertificateCache.shared.details(
                fingerprint: self.details.fingerprintSHA256, der: self.leafDER)
        {
            details.addParsedFields(of: parsed)
        }
        let status = CertDomain.CertificateStatus(notAfter: self.details.notAfter, now: now)
        return CertAPI.Certificate(
            id: self.id.rawValue,
            name: self.name,
            source: self.source.wire,
            algorithm: self.algorithm == .sm2 ? .sm2 : .international,
            details: details,
            daysRemaining: Self.daysRemaining(until: self.details.notAfter, now: now),
            status: status.wire,
            chainLength: UInt32(clamping: self.details.chainLength),
            chainComplete: self.details.isChainComplete,
            resourceGroup: self.resourceGroup,
            tags: self.tags,
            warnings: self.warnings.map { CertAPI.CertificateWarning(code: $0.code, message: $0.message) },
            createdAt: Timestamp(self.createdAt),
            updatedAt: Timestamp(self.updatedAt),
            csrID: self.csrID?.rawValue,
            encryptionDetails: self.encryptionCertificateDER.flatMap { der in
                (try? CertCrypto.Certificate(der: der)).map { $0.details.wire }
            },
            hasKey: self.sealedKey(.signing) != nil,
            // A shared copy is created when the share is, so its creation time is the share's.
            sharedBy: self.sharedFrom.map { origin in
                CertAPI.CertificateShare(
                    certificateID: origin.certificateID.rawValue, ownerAccountID: origin.ownerAccountID.rawValue,
                    recipientAccountID: self.ownerAccountID.rawValue, recipientCertificateID: self.id.rawValue,
                    sharedAt: Timestamp(self.createdAt))
            }
        )
    }

    /// Whole days from `now` to `notAfter`, rounded towards negative infinity (so an entry that
    /// expired an hour ago has -1 days remaining).
    static func daysRemaining(until notAfter: Date, now: Date) -> Int32 {
        let days = (notAfter.timeIntervalSince(now) / 86_400).rounded(.down)
        return Int32(clamping: Int64(max(min(days, Double(Int32.max)), Double(Int32.min))))
    }
}

extension CertificateFacts {
    /// The listing fields of the details message.
    var wire: CertAPI.CertificateDetails {
        CertAPI.CertificateDetails(
            subject: self.subject,
            commonName: self.commonName ?? "",
            sans: self.sans,
            issuer: self.issuer,
            serialNumber: self.serialNumberHex,
            fingerprintSHA256: self.fingerprintSHA256,
            keyAlgorithm: self.keyAlgorithm.rawValue,
            keySize: UInt32(clamping: self.keySizeBits ?? 0),
            curve: self.curve ?? "",
            signatureAlgorithm: self.signatureAlgorithm,
            notBefore: Timestamp(self.notBefore),
            notAfter: Timestamp(self.notAfter)
        )
    }
}

extension CertDomain.CertificateSource {
    /// The wire form of a source.
    var wire: CertAPI.CertificateSource {
        switch self {
        case .uploaded: .uploaded
        case .pca: .pca
        case .official: .official
        case .shared: .shared
        }
    }

    /// The domain form of a wire source.
    /// - Returns: nil for `sourceUnspecified`.
    /// - Throws: ``DomainError/invalidArgument(field:detail:)`` for an unknown value.
    static func from(wire: CertAPI.CertificateSource) throws(DomainError) -> Self? {
        switch wire {
        case .sourceUnspecified: nil
        case .uploaded: .uploaded
        case .pca: .pca
        case .official: .official
        case .shared: .shared
        case .unrecognized(let value): throw .invalidArgument(field: "source", detail: "unknown source \(value)")
        }
    }
}

extension CertDomain.CertificateStatus {
    /// The wire form of a status.
    var wire: CertAPI.CertificateStatus {
        switch self {
        case .valid: .valid
        case .expiringSoon: .expiringSoon
        case .expired: .expired
        }
    }
}
