public import CertCrypto
import Foundation

extension PrivateCertificateAuthorities {
    /// Revokes one of the caller's intermediate CAs (final).
    ///
    /// In one transaction: the CA record becomes revoked (it then refuses issuance and re-issue, and
    /// may still publish its own CRL), its serial enters its root's revocation list (the root's next CRL
    /// lists it with the reason and date), and every inventory entry synced from one of its certificates
    /// (status `uploaded`) gets a ``revokedWarningCode`` warning. Entries of other accounts are never
    /// touched. Success and refusal are audited (`pcaAuthorityRevoked`).
    /// - Parameters:
    ///   - caller: the owner.
    ///   - id: the intermediate CA.
    ///   - reason: the RFC 5280 reason the root's CRL states.
    /// - Returns: the revoked CA.
    /// - Throws: ``DomainError/pcaAuthorityNotFound(id:)``, ``DomainError/pcaRootNotRevocable(id:)`` for a
    ///   root, ``DomainError/pcaAuthorityAlreadyRevoked(id:)``, storage errors.
    public nonisolated func revokeAuthority(_ caller: Caller, id: PrivateCAID, reason: RevocationReason)
        async throws(DomainError) -> PrivateCA
    {
        try await self.domainStore.audited(
            caller, .pcaAuthorityRevoked, target: id.rawValue, details: ["revocationReason": reason.name]
        ) { () async throws(DomainError) -> PrivateCA in
            let current = try self.loadAuthority(caller, id: id).record
            guard current.kind == .intermediate, let parentID = current.parentID else {
                throw .pcaRootNotRevocable(id: id)
            }
            guard !current.isRevoked else { throw .pcaAuthorityAlreadyRevoked(id: id) }
            let time = self.now()
            let owner = caller.accountID
            return try await self.domainStore.write { writer in
                // Re-read in the transaction: a concurrent revocation must not list the serial twice.
                guard let document = try writer.document(Self.authorities, key: id.rawValue),
                    var record = try writer.decodedDocument(PrivateCA.self, in: Self.authorities, key: id.rawValue),
                    record.ownerAccountID == owner.rawValue
                else { throw DomainError.pcaAuthorityNotFound(id: id) }
                guard !record.isRevoked else { throw DomainError.pcaAuthorityAlreadyRevoked(id: id) }
                record.revokedAt = time
                record.revocationReason = reason
                try writer.putEncodedDocument(
                    record, in: Self.authorities, key: id.rawValue, sealedKeys: document.sealedKeys)
                // The root's CRL reads `pca.revoked` under the root's prefix; CA ids (`pca-`) and
                // certificate ids (`pcacert-`) never collide there.
                try writer.putEncodedDocument(
                    PCARevocationEntry(serialNumberHex: record.serialNumberHex, revokedAt: time, reason: reason),
                    in: Self.revokedIndex, key: "\(parentID.rawValue)/\(id.rawValue)")
                let warning = Self.revokedWarning(authorityRevoked: record)
                var warned = 0
                for leafDocument in try writer.documents(
                    Self.issued, prefix: id.rawValue + "/", after: nil, limit: Int.max)
                {
                    let leaf = try Self.decode(leafDocument)
                    guard leaf.status == .uploaded, leaf.ownerAccountID == owner.rawValue else { continue }
                    if try Self.addWarning(warning, to: leaf.inventoryID, owner: owner, time: time, in: writer) {
                        warned += 1
                    }
                }
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .pcaAuthorityRevoked, target: id.rawValue,
                    details: [
                        "root": parentID.rawValue, "serial": record.serialNumberHex, "reason": reason.name,
                        "inventoryWarned": "\(warned)",
                    ])
                return record
            }
        }
    }

    // MARK: Inventory warnings

    /// The code of the warning a revoked PCA certificate's inventory entry carries.
    public static let revokedWarningCode = "revoked"

    /// The warning of an entry whose own certificate was revoked by `caID`.
    static func revokedWarning(revokedBy caID: PrivateCAID, reason: RevocationReason) -> CertificateWarning {
        CertificateWarning(
            code: Self.revokedWarningCode,
            message:
                "Revoked by private CA \(caID.rawValue) (reason: \(reason.name)); clients that check its CRL "
                + "reject it. Issue a new certificate and replace this one.")
    }

    /// The warning of an entry whose issuing intermediate CA `authority` was revoked.
    static func revokedWarning(authorityRevoked authority: PrivateCA) -> CertificateWarning {
        let root = authority.parentID?.rawValue ?? "its root"
        let reason = authority.revocationReason?.name ?? RevocationReason.unspecified.name
        return CertificateWarning(
            code: Self.revokedWarningCode,
            message:
                "Its issuing private CA \(authority.id.rawValue) was revoked by root CA \(root) (reason: \(reason)); "
                + "clients that check the root's CRL reject it. Replace it with a certificate issued by another "
                + "intermediate CA.")
    }

    /// Adds `warning` to the caller's inventory entry `entryID`, replacing an earlier warning of the same
    /// code. Inside the caller's write transaction, so the warning commits with the revocation.
    /// - Returns: whether an entry of `owner` was updated (false: none, or it is another account's).
    static func addWarning(
        _ warning: CertificateWarning, to entryID: CertificateID?, owner: AccountID, time: Date,
        in writer: any InventoryWriter
    ) throws -> Bool {
        guard let entryID, var entry = try writer.certificate(id: entryID), entry.ownerAccountID == owner else {
            return false
        }
        entry.warnings.removeAll { $0.code == warning.code }
        entry.warnings.append(warning)
        entry.updatedAt = time
        try writer.putCertificate(entry)
        return true
    }
}
