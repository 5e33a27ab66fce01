import CertCrypto
import Foundation

extension CertificateInventory {
    // MARK: CSR reads

    /// One of the caller's CSRs.
    /// - Throws: ``DomainError/csrNotFound(id:)`` when it does not exist or is not the caller's.
    public nonisolated func csr(_ caller: Caller, id: CSRID) throws(DomainError) -> CSREntry {
        guard let entry = try self.domainStore.read({ try $0.csr(id: id) }), entry.ownerAccountID == caller.accountID
        else {
            throw .csrNotFound(id: id)
        }
        return entry
    }

    /// The caller's CSRs in id order.
    /// - Parameters:
    ///   - after: continue after this id.
    ///   - limit: clamped to 1...1000.
    public nonisolated func listCSRs(_ caller: Caller, after: CSRID? = nil, limit: Int = 100) throws(DomainError)
        -> [CSREntry]
    {
        try self.domainStore.read {
            try $0.listCSRs(owner: caller.accountID, after: after, limit: min(max(limit, 1), 1000))
        }
    }

    // MARK: CSR mutations

    /// Generates a key, a CSR for it, seals the key and stores both.
    /// - Returns: the CSR entry (with `sealedKey`).
    /// - Throws: ``DomainError/invalidCertificate(_:)`` for an unsupported algorithm or bad names.
    public nonisolated func createCSR(_ caller: Caller, _ request: CSRRequest) async throws(DomainError) -> CSREntry {
        try await self.domainStore.audited(caller, .csrCreated, target: "") {
            () async throws(DomainError) -> CSREntry in
            let id = CSRID.generate()
            let key: PrivateKey
            let csr: CertificateSigningRequest
            do throws(CertificateError) {
                key = try PrivateKey.generate(request.algorithm)
                csr = try CertificateSigningRequest.generate(
                    subject: request.subject, subjectAlternativeNames: request.subjectAlternativeNames, key: key)
            } catch {
                throw .invalidCertificate(error)
            }
            let sealed = try self.seal(key, recordID: id.rawValue, role: .csr)
            let entry = try Self.csrEntry(
                id: id, owner: caller.accountID, request: csr, sealedKey: sealed, time: self.now())
            return try await self.commitCSR(caller, entry, action: .csrCreated)
        }
    }

    /// Stores a CSR the caller made elsewhere (certd holds no key for it).
    /// - Parameter bytes: PEM or DER.
    /// - Returns: the CSR entry.
    /// - Throws: ``DomainError/invalidCertificate(_:)`` for unparsable input or a bad self-signature.
    public nonisolated func uploadCSR(_ caller: Caller, csr bytes: [UInt8]) async throws(DomainError) -> CSREntry {
        try await self.domainStore.audited(caller, .csrUploaded, target: "") {
            () async throws(DomainError) -> CSREntry in
            let csr: CertificateSigningRequest
            do throws(CertificateError) {
                csr = try CertificateSigningRequest(bytes: bytes)
            } catch {
                throw .invalidCertificate(error)
            }
            guard csr.isSignatureValid else { throw .invalidCertificate(.requestSignatureInvalid(diagnostics: nil)) }
            let entry = try Self.csrEntry(
                id: CSRID.generate(), owner: caller.accountID, request: csr, sealedKey: nil, time: self.now())
            return try await self.commitCSR(caller, entry, action: .csrUploaded)
        }
    }

    /// Deletes one of the caller's CSRs (certificates that took its key keep their own sealed copy).
    /// - Returns: the deleted entry.
    /// - Throws: ``DomainError/csrNotFound(id:)``.
    @discardableResult
    public func deleteCSR(_ caller: Caller, id: CSRID) async throws(DomainError) -> CSREntry {
        let time = self.now()
        return try await self.domainStore.audited(caller, .csrDeleted, target: id.rawValue) {
            () async throws(DomainError) -> CSREntry in
            try await self.domainStore.write { writer in
                guard let entry = try writer.csr(id: id), entry.ownerAccountID == caller.accountID else {
                    throw DomainError.csrNotFound(id: id)
                }
                try writer.deleteCSR(id: id)
                try AuditTrail.append(to: writer, time: time, caller: caller, action: .csrDeleted, target: id.rawValue)
                return entry
            }
        }
    }

    func commitCSR(_ caller: Caller, _ entry: CSREntry, action: AuditAction) async throws(DomainError) -> CSREntry {
        try await self.domainStore.write { writer in
            try writer.putCSR(entry)
            try AuditTrail.append(
                to: writer, time: entry.createdAt, caller: caller, action: action, target: entry.id.rawValue,
                details: ["subject": entry.subject])
            return entry
        }
    }

    static func csrEntry(
        id: CSRID, owner: AccountID, request: CertificateSigningRequest, sealedKey: SealedKey?, time: Date
    ) throws(DomainError) -> CSREntry {
        let (family, _, _) = try self.family(request.keyAlgorithm, field: .certificateSigningRequest)
        return CSREntry(
            id: id, ownerAccountID: owner, csrDER: request.der, sealedKey: sealedKey, subject: request.subject,
            commonName: request.commonName, sans: request.subjectAlternativeNames.map(Self.text(of:)),
            keyAlgorithm: family, createdAt: time)
    }
}
