public import CertCrypto
public import Foundation

extension PrivateCertificateAuthorities {
    /// Issues a certificate from one of the caller's intermediate CAs.
    ///
    /// More than 365 days needs `acceptRisk` (recorded as `riskAccepted` in the audit event); the
    /// certificate may not outlive its CA.
    /// - Returns: the issued certificate (status `notSynced`).
    /// - Throws: ``DomainError/pcaAuthorityNotFound(id:)``, ``DomainError/pcaWrongAuthorityKind(id:expected:)``
    ///   for a root, ``DomainError/pcaAuthorityRevoked(id:)`` for a revoked intermediate,
    ///   ``DomainError/pcaLeakRiskNotAccepted(validityDays:)``,
    ///   ``DomainError/invalidArgument(field:detail:)`` (days, common name), ``DomainError/invalidCertificate(_:)``
    ///   (bad CSR, SAN or subject), storage errors.
    public nonisolated func issue(_ caller: Caller, _ request: PCAIssueRequest) async throws(DomainError)
        -> PCACertificate
    {
        try await self.domainStore.audited(caller, .pcaCertificateIssued, target: request.caID.rawValue) {
            () async throws(DomainError) -> PCACertificate in
            let (ca, authority) = try self.openAuthority(caller, id: request.caID)
            guard ca.kind == .intermediate else { throw .pcaWrongAuthorityKind(id: ca.id, expected: .intermediate) }
            guard !ca.isRevoked else { throw .pcaAuthorityRevoked(id: ca.id) }
            try Self.checkDays(request.validityDays, maximum: Self.maximumLeafDays)
            if request.validityDays > LeakRisk.maximumDays && !request.acceptRisk {
                throw .pcaLeakRiskNotAccepted(validityDays: request.validityDays)
            }
            let time = self.now()
            let validity = Validity.days(request.validityDays, from: time)
            guard validity.notAfter <= ca.notAfter else {
                throw .invalidArgument(
                    field: "validityDays",
                    detail: "the certificate would outlive its CA (which expires \(ca.notAfter)); choose fewer days")
            }
            var usages: [ExtendedKeyUsage] = []
            if request.serverAuth || !request.clientAuth { usages.append(.serverAuth) }
            if request.clientAuth { usages.append(.clientAuth) }
            let id = PCACertificateID.generate()
            let key = "\(ca.id.rawValue)/\(id.rawValue)"
            let leaf: Certificate
            var generatedKey: PrivateKey?
            var algorithm = request.algorithm ?? ca.algorithm
            do throws(CertificateError) {
                if let csrBytes = request.csr {
                    let csr = try CertificateSigningRequest(bytes: csrBytes)
                    leaf = try authority.issueLeaf(
                        for: csr,
                        subjectAlternativeNames: request.subjectAlternativeNames.isEmpty
                            ? nil : request.subjectAlternativeNames,
                        validity: validity, extendedKeyUsage: usages)
                    algorithm = Self.algorithm(of: csr.keyAlgorithm) ?? ca.algorithm
                } else {
                    let commonName = request.commonName.trimmingCharacters(in: .whitespaces)
                    guard !commonName.isEmpty else {
                        throw CertificateError.invalidIssuanceParameter(
                            name: "commonName", detail: "required when no CSR is given")
                    }
                    let privateKey = try PrivateKey.generate(algorithm.keyAlgorithm)
                    leaf = try authority.issueLeaf(
                        subject: DistinguishedName(commonName: commonName), publicKey: privateKey.publicKey,
                        subjectAlternativeNames: request.subjectAlternativeNames, validity: validity,
                        extendedKeyUsage: usages)
                    generatedKey = privateKey
                }
            } catch {
                throw .invalidCertificate(error)
            }
            let sealedKeys =
                try generatedKey.map { privateKey throws(DomainError) in
                    [try self.seal(privateKey, sealingID: StoredDocument.sealingID(collection: Self.issued, key: key))]
                } ?? []
            let details = leaf.details
            let record = PCACertificate(
                id: id, caID: ca.id, ownerAccountID: caller.accountID.rawValue,
                commonName: details.commonName ?? "", subject: details.subject,
                subjectAlternativeNames: details.subjectAlternativeNames.map(Self.prefixed(_:)),
                serverAuth: usages.contains(.serverAuth), clientAuth: usages.contains(.clientAuth),
                validityDays: request.validityDays, algorithm: algorithm.rawValue, certificateDER: leaf.der,
                serialNumberHex: details.serialNumber, fingerprintSHA256: details.sha256Fingerprint,
                notBefore: details.notBefore, notAfter: details.notAfter, hasKey: !sealedKeys.isEmpty,
                riskAccepted: request.validityDays > LeakRisk.maximumDays, createdAt: time, updatedAt: time)
            return try await self.domainStore.write { [sealedKeys] writer in
                guard
                    let current = try writer.decodedDocument(PrivateCA.self, in: Self.authorities, key: ca.id.rawValue)
                else { throw DomainError.pcaAuthorityNotFound(id: ca.id) }
                // Re-checked here: a revocation may have committed while the certificate was being signed.
                guard !current.isRevoked else { throw DomainError.pcaAuthorityRevoked(id: ca.id) }
                try writer.putEncodedDocument(record, in: Self.issued, key: key, sealedKeys: sealedKeys)
                try writer.putDocument(
                    StoredDocument(collection: Self.issuedIndex, key: id.rawValue, body: Array(ca.id.rawValue.utf8)))
                var auditDetails = [
                    "ca": ca.id.rawValue, "serial": record.serialNumberHex, "validityDays": "\(record.validityDays)",
                ]
                if record.riskAccepted { auditDetails["riskAccepted"] = "true" }
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .pcaCertificateIssued, target: id.rawValue,
                    details: auditDetails)
                return record
            }
        }
    }

    /// One of the caller's issued certificates.
    /// - Throws: ``DomainError/pcaCertificateNotFound(id:)``.
    public nonisolated func certificate(_ caller: Caller, id: PCACertificateID) throws(DomainError) -> PCACertificate {
        try self.loadCertificate(caller, id: id).record
    }

    /// The certificates issued by one of the caller's CAs, in id order.
    /// - Parameters:
    ///   - caller: the owner.
    ///   - caID: the CA.
    ///   - status: only this status; nil for all.
    ///   - after: continue after this id (the last id of the previous page).
    ///   - limit: at most this many (clamped to 1...10,000).
    /// - Returns: the page.
    /// - Throws: ``DomainError/pcaAuthorityNotFound(id:)``, storage errors.
    public nonisolated func listCertificates(
        _ caller: Caller, caID: PrivateCAID, status: PCACertificate.Status? = nil, after: PCACertificateID? = nil,
        limit: Int = 1000
    ) throws(DomainError) -> [PCACertificate] {
        _ = try self.loadAuthority(caller, id: caID)
        let limit = min(max(limit, 1), 10_000)
        let prefix = caID.rawValue + "/"
        var cursor = after.map { prefix + $0.rawValue }
        var result: [PCACertificate] = []
        while result.count < limit {
            let batch = try self.domainStore.read { reader in
                try reader.documents(Self.issued, prefix: prefix, after: cursor, limit: 1000)
            }
            for document in batch {
                let record = try Self.decodeChecked(document)
                if status == nil || record.status == status { result.append(record) }
                if result.count == limit { break }
            }
            guard batch.count == 1000, let last = batch.last else { break }
            cursor = last.key
        }
        return result
    }

    /// Revokes one of the caller's certificates (final); the next CRL of its CA lists it. When it was
    /// synced (`uploaded`), its inventory entry gets a `revoked` warning in the same transaction.
    /// - Returns: the revoked certificate.
    /// - Throws: ``DomainError/pcaCertificateNotFound(id:)``, ``DomainError/pcaCertificateRevoked(id:)``.
    public nonisolated func revoke(_ caller: Caller, id: PCACertificateID, reason: RevocationReason)
        async throws(DomainError) -> PCACertificate
    {
        try await self.domainStore.audited(caller, .pcaCertificateRevoked, target: id.rawValue) {
            () async throws(DomainError) -> PCACertificate in
            let (current, _) = try self.loadCertificate(caller, id: id)
            let time = self.now()
            let key = "\(current.caID.rawValue)/\(id.rawValue)"
            return try await self.domainStore.write { writer in
                guard let document = try writer.document(Self.issued, key: key) else {
                    throw DomainError.pcaCertificateNotFound(id: id)
                }
                var record = try Self.decode(document)
                guard record.status != .revoked else { throw DomainError.pcaCertificateRevoked(id: id) }
                if record.status == .uploaded {
                    _ = try Self.addWarning(
                        Self.revokedWarning(revokedBy: record.caID, reason: reason),
                        to: record.inventoryID, owner: caller.accountID, time: time, in: writer)
                }
                record.status = .revoked
                record.revokedAt = time
                record.revocationReason = reason
                record.updatedAt = time
                try writer.putEncodedDocument(record, in: Self.issued, key: key, sealedKeys: document.sealedKeys)
                try writer.putEncodedDocument(
                    PCARevocationEntry(serialNumberHex: record.serialNumberHex, revokedAt: time, reason: reason),
                    in: Self.revokedIndex, key: key)
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .pcaCertificateRevoked, target: id.rawValue,
                    details: ["ca": record.caID.rawValue, "serial": record.serialNumberHex, "reason": reason.name])
                return record
            }
        }
    }

    /// Publishes a new CRL of one of the caller's CAs: every certificate it issued and revoked, signed by
    /// the CA, valid for `validity` (nextUpdate), with the next CRL number.
    /// - Parameters:
    ///   - caller: the owner.
    ///   - caID: the CA.
    ///   - validity: time until nextUpdate (default 7 days).
    /// - Returns: the signed CRL (DER; `.pem` for PEM).
    /// - Throws: ``DomainError/pcaAuthorityNotFound(id:)``, ``DomainError/keyUnavailable(_:)``.
    public nonisolated func publishCRL(_ caller: Caller, caID: PrivateCAID, validity: TimeInterval = 7 * 86_400)
        async throws(DomainError) -> CertificateRevocationList
    {
        try await self.domainStore.audited(caller, .pcaCRLPublished, target: caID.rawValue) {
            () async throws(DomainError) -> CertificateRevocationList in
            let (_, authority) = try self.openAuthority(caller, id: caID)
            let time = self.now()
            return try await self.domainStore.write { writer in
                // Number and list are read in the signing transaction, so CRL numbers never repeat.
                guard let document = try writer.document(Self.authorities, key: caID.rawValue),
                    var record = try writer.decodedDocument(PrivateCA.self, in: Self.authorities, key: caID.rawValue)
                else { throw DomainError.pcaAuthorityNotFound(id: caID) }
                let revoked = try writer.decodedDocuments(
                    PCARevocationEntry.self, in: Self.revokedIndex, prefix: caID.rawValue + "/"
                ).map {
                    RevokedCertificate(
                        serialNumberHex: $0.serialNumberHex, revocationDate: $0.revokedAt, reason: $0.reason)
                }
                record.crlNumber += 1
                let crl = try CertificateRevocationList.make(
                    issuer: authority, revoked: revoked, thisUpdate: time,
                    nextUpdate: time.addingTimeInterval(validity),
                    number: record.crlNumber)
                try writer.putEncodedDocument(
                    record, in: Self.authorities, key: caID.rawValue, sealedKeys: document.sealedKeys)
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .pcaCRLPublished, target: caID.rawValue,
                    details: ["number": "\(record.crlNumber)", "revoked": "\(revoked.count)"])
                return crl
            }
        }
    }

    // MARK: Internals

    /// The caller's issued certificate and its document.
    nonisolated func loadCertificate(_ caller: Caller, id: PCACertificateID) throws(DomainError)
        -> (record: PCACertificate, document: StoredDocument)
    {
        let found = try self.domainStore.read { reader -> StoredDocument? in
            guard let index = try reader.document(Self.issuedIndex, key: id.rawValue) else { return nil }
            let caID = String(decoding: index.body, as: UTF8.self)
            return try reader.document(Self.issued, key: "\(caID)/\(id.rawValue)")
        }
        guard let found else { throw .pcaCertificateNotFound(id: id) }
        let record = try Self.decodeChecked(found)
        guard record.ownerAccountID == caller.accountID.rawValue else { throw .pcaCertificateNotFound(id: id) }
        return (record, found)
    }

    static func decode(_ document: StoredDocument) throws -> PCACertificate {
        do {
            return try DocumentCoding.decoder.decode(PCACertificate.self, from: Data(document.body))
        } catch {
            throw InventoryStoreError.corruptRecord(table: document.collection.name, key: document.key)
        }
    }

    static func decodeChecked(_ document: StoredDocument) throws(DomainError) -> PCACertificate {
        do {
            return try self.decode(document)
        } catch {
            throw DomainError.wrap(error)
        }
    }

    /// `DNS:name`, `IP:addr`, `email:x`, `URI:x`: the stored form of a SAN, reversible by ``unprefixed(_:)``.
    static func prefixed(_ name: SubjectAlternativeName) -> String {
        switch name {
        case .dns(let value): "DNS:" + value
        case .ip(let value): "IP:" + value
        case .email(let value): "email:" + value
        case .uri(let value): "URI:" + value
        }
    }

    static func unprefixed(_ text: String) -> SubjectAlternativeName {
        if text.hasPrefix("IP:") { return .ip(String(text.dropFirst(3))) }
        if text.hasPrefix("email:") { return .email(String(text.dropFirst(6))) }
        if text.hasPrefix("URI:") { return .uri(String(text.dropFirst(4))) }
        return .dns(String(text.dropFirst(text.hasPrefix("DNS:") ? 4 : 0)))
    }

    static func algorithm(of key: KeyAlgorithm) -> PCAKeyAlgorithm? {
        switch key {
        case .rsa(2048): .rsa2048
        case .rsa(3072): .rsa3072
        case .rsa(4096): .rsa4096
        case .ec(let curve) where ["prime256v1", "P-256", "secp256r1"].contains(curve): .ecP256
        case .ec(let curve) where ["secp384r1", "P-384"].contains(curve): .ecP384
        case .sm2: .sm2
        default: nil
        }
    }
}
