import CertCrypto
import Foundation

extension CertificateInventory {
    /// Validates and stores an international certificate with its key (given, or from a CSR).
    ///
    /// Checks, in order: labels; the certificate and chain parse and link (CertCrypto orders them);
    /// the key parses (with the passphrase) and matches the leaf; with `csrID`, the CSR is the
    /// caller's, unused, and carries the leaf's public key (its key is used when none is given).
    /// Then, in one transaction: the name is free, the CSR is still unused (and is marked used), the
    /// entry and its audit event are written. A failed upload leaves nothing but its refusal event.
    /// - Returns: the entry and the caller's earlier entries with the same fingerprint.
    /// - Throws: ``DomainError/invalidCertificate(_:)`` (CertCrypto's reasons, `emptyInput` for a missing
    ///   key), ``DomainError/nameTaken(name:)``, ``DomainError/csrNotFound(id:)``,
    ///   ``DomainError/csrKeyMismatch(csrID:)``, ``DomainError/csrAlreadyUsed(csrID:certificateID:)``,
    ///   ``DomainError/csrHasNoKey(csrID:)``, ``DomainError/invalidArgument(field:detail:)``, storage errors.
    public nonisolated func uploadCertificate(_ caller: Caller, _ upload: CertificateUpload) async throws(DomainError)
        -> UploadResult
    {
        try await self.domainStore.audited(caller, .certificateUploaded, target: "", details: ["name": upload.name]) {
            () async throws(DomainError) -> UploadResult in
            let id = CertificateID.generate()
            let name = try EntryLabels.name(upload.name)
            let group = try EntryLabels.resourceGroup(upload.resourceGroup)
            let tags = try EntryLabels.tags(upload.tags)
            let bundle: CertificateBundle
            do throws(CertificateError) {
                bundle = try CertificateBundle.parse(certificatePEM: upload.certificate, chainPEM: upload.chain)
            } catch {
                throw .invalidCertificate(error)
            }
            var sealedKey: SealedKey?
            if let keyBytes = upload.privateKey {
                do {
                    let key = try PrivateKey(bytes: keyBytes, passphrase: upload.passphrase, field: .privateKey)
                    try KeyMatcher.check(certificate: bundle.leaf, key: key)
                    sealedKey = try self.seal(key, recordID: id.rawValue, role: .signing)
                } catch let error as CertificateError {
                    throw .invalidCertificate(error)
                } catch let error as DomainError {
                    throw error
                } catch {
                    throw .storageUnavailable
                }
            }
            var csr: CSREntry?
            if let csrID = upload.csrID {
                let usable = try self.usableCSR(caller, id: csrID, for: bundle.leaf)
                csr = usable
                if sealedKey == nil {
                    guard let csrKey = usable.sealedKey else { throw .csrHasNoKey(csrID: csrID) }
                    // Re-seal under the certificate's own associated data: a key blob never moves between records.
                    let plaintext = try self.open(csrKey, recordID: csrID.rawValue)
                    do throws(SealingError) {
                        let box = try self.sealer.seal(
                            plaintext, associatedData: SealedKey.associatedData(for: id.rawValue, role: .signing))
                        sealedKey = SealedKey(role: .signing, blob: box.bytes)
                    } catch {
                        throw .keyUnavailable(error)
                    }
                }
            }
            guard let sealedKey else { throw .invalidCertificate(.emptyInput(field: .privateKey)) }
            let time = self.now()
            let entry = CertificateEntry(
                id: id, ownerAccountID: caller.accountID, name: name, source: .uploaded, algorithm: .international,
                leafDER: bundle.leaf.der, chainDER: bundle.chain.certificates.dropFirst().map(\.der),
                sealedKeys: [sealedKey], details: try Self.facts(of: bundle.chain), resourceGroup: group, tags: tags,
                createdAt: time, updatedAt: time, csrID: upload.csrID, warnings: Self.warnings(for: bundle.chain))
            return try await self.commitUpload(caller, entry, csr: csr)
        }
    }

    /// Validates and stores an SM2 dual certificate: both certificates SM2, each key matching its
    /// certificate (signing pair checked first; a mismatch names the pair), the encryption
    /// certificate linking to the same chain.
    /// - Returns: the entry (details describe the signing certificate) and same-fingerprint entries.
    /// - Throws: as ``uploadCertificate(_:_:)``; `keyMismatch` with pair `.encryption` for a wrong
    ///   encryption key; `unsupportedAlgorithm` for non-SM2 certificates.
    public nonisolated func uploadSM2DualCertificate(_ caller: Caller, _ upload: SM2DualUpload)
        async throws(DomainError)
        -> UploadResult
    {
        try await self.domainStore.audited(caller, .certificateUploaded, target: "", details: ["name": upload.name]) {
            () async throws(DomainError) -> UploadResult in
            let id = CertificateID.generate()
            let name = try EntryLabels.name(upload.name)
            let group = try EntryLabels.resourceGroup(upload.resourceGroup)
            let tags = try EntryLabels.tags(upload.tags)
            let signing: CertificateBundle
            let encryption: CertificateChain
            let signingKey: PrivateKey
            let encryptionKey: PrivateKey
            do {
                signing = try CertificateBundle.parse(certificatePEM: upload.signingCertificate, chainPEM: upload.chain)
                let encryptionCertificates = try CertificateBundle.parseCertificates(
                    upload.encryptionCertificate, field: .encryptionCertificate)
                encryption = try CertificateChain.build(
                    certificates: encryptionCertificates.map { ($0, InputField.encryptionCertificate) }
                        + signing.chain.certificates.dropFirst().map { ($0, InputField.chain) })
                for (certificate, field) in [
                    (signing.leaf, InputField.certificate), (encryption.leaf, .encryptionCertificate),
                ] {
                    let algorithm = certificate.details.keyAlgorithm
                    guard algorithm == .sm2 else {
                        throw CertificateError.unsupportedAlgorithm(
                            field: field, algorithm: "\(algorithm) (SM2 dual certificates need SM2 keys)")
                    }
                }
                signingKey = try PrivateKey(
                    bytes: upload.signingPrivateKey, passphrase: upload.signingPassphrase, field: .privateKey)
                encryptionKey = try PrivateKey(
                    bytes: upload.encryptionPrivateKey, passphrase: upload.encryptionPassphrase,
                    field: .encryptionPrivateKey)
                try KeyMatcher.checkDual(
                    signingCertificate: signing.leaf, signingKey: signingKey,
                    encryptionCertificate: encryption.leaf, encryptionKey: encryptionKey)
            } catch let error as CertificateError {
                throw .invalidCertificate(error)
            } catch {
                throw .storageUnavailable
            }
            guard signing.leaf != encryption.leaf else {
                throw .invalidArgument(
                    field: "encryptionCertificate", detail: "must differ from the signing certificate")
            }
            let sealedKeys = [
                try self.seal(signingKey, recordID: id.rawValue, role: .signing),
                try self.seal(encryptionKey, recordID: id.rawValue, role: .encryption),
            ]
            let time = self.now()
            let entry = CertificateEntry(
                id: id, ownerAccountID: caller.accountID, name: name, source: .uploaded, algorithm: .sm2,
                leafDER: signing.leaf.der, chainDER: signing.chain.certificates.dropFirst().map(\.der),
                encryptionCertificateDER: encryption.leaf.der, sealedKeys: sealedKeys,
                details: try Self.facts(of: signing.chain), resourceGroup: group, tags: tags,
                createdAt: time, updatedAt: time, warnings: Self.warnings(for: signing.chain))
            return try await self.commitUpload(caller, entry, csr: nil)
        }
    }

    /// The check-and-write step of an upload, in one transaction.
    func commitUpload(_ caller: Caller, _ entry: CertificateEntry, csr: CSREntry?) async throws(DomainError)
        -> UploadResult
    {
        try await self.domainStore.write { writer in
            if try writer.certificate(owner: entry.ownerAccountID, name: entry.name) != nil {
                throw DomainError.nameTaken(name: entry.name)
            }
            if let csr {
                guard var current = try writer.csr(id: csr.id), current.ownerAccountID == caller.accountID,
                    current.csrDER == csr.csrDER
                else { throw DomainError.csrNotFound(id: csr.id) }
                if let user = current.usedByCertificateID {
                    throw DomainError.csrAlreadyUsed(csrID: csr.id, certificateID: user)
                }
                current.usedByCertificateID = entry.id
                try writer.putCSR(current)
            }
            let sameFingerprint = try writer.certificateIDs(
                owner: entry.ownerAccountID, fingerprintSHA256: entry.details.fingerprintSHA256)
            try writer.putCertificate(entry)
            var details = ["name": entry.name, "fingerprint": entry.details.fingerprintSHA256]
            if let csr { details["csr"] = csr.id.rawValue }
            try AuditTrail.append(
                to: writer, time: entry.createdAt, caller: caller, action: .certificateUploaded,
                target: entry.id.rawValue,
                details: details)
            return UploadResult(entry: entry, sameFingerprint: sameFingerprint)
        }
    }

    /// The caller's CSR, if it is unused and requests `certificate`'s public key (snapshot check; the
    /// commit re-checks "unused").
    nonisolated func usableCSR(_ caller: Caller, id: CSRID, for certificate: Certificate) throws(DomainError)
        -> CSREntry
    {
        let csr = try self.csr(caller, id: id)
        if let user = csr.usedByCertificateID { throw .csrAlreadyUsed(csrID: id, certificateID: user) }
        let request: CertificateSigningRequest
        do throws(CertificateError) {
            request = try CertificateSigningRequest(bytes: csr.csrDER)
        } catch {
            throw .invalidCertificate(error)
        }
        guard request.matches(certificate) else { throw .csrKeyMismatch(csrID: id) }
        return csr
    }

    /// The listing facts of a chain's leaf.
    static func facts(of chain: CertificateChain) throws(DomainError) -> CertificateFacts {
        let details = chain.leaf.details
        let (family, bits, curve) = try self.family(details.keyAlgorithm, field: .certificate)
        return CertificateFacts(
            subject: details.subject,
            issuer: details.issuer,
            commonName: details.commonName,
            sans: details.subjectAlternativeNames.map(Self.text(of:)),
            serialNumberHex: details.serialNumber,
            fingerprintSHA256: details.sha256Fingerprint,
            keyAlgorithm: family,
            keySizeBits: bits,
            curve: curve,
            signatureAlgorithm: details.signatureAlgorithm,
            notBefore: details.notBefore,
            notAfter: details.notAfter,
            chainLength: chain.certificates.count - 1,
            isChainComplete: chain.isComplete
        )
    }

    /// Findings that do not stop an upload.
    static func warnings(for chain: CertificateChain) -> [CertificateWarning] {
        let leakRisk = LeakRisk.warnings(forUploaded: chain.certificates)
        guard case .incomplete(_, let missing) = chain.completeness else { return leakRisk }
        return [
            CertificateWarning(
                code: "chainIncomplete",
                message:
                    "The chain stops before a root: the issuer \(missing) was not supplied; clients may not trust it.")
        ] + leakRisk
    }

    /// CertCrypto's algorithm as the domain's family, key size and curve.
    static func family(_ algorithm: CertCrypto.KeyAlgorithm, field: InputField) throws(DomainError) -> (
        KeyFamily, Int?, String?
    ) {
        switch algorithm {
        case .rsa(let bits): return (.rsa, bits, nil)
        case .ec: return (.ec, nil, String(algorithm.description.dropFirst(3)))
        case .sm2: return (.sm2, nil, "SM2")
        case .ed25519: return (.ed25519, nil, nil)
        case .ed448: return (.ed448, nil, nil)
        case .other(let name): throw .invalidCertificate(.unsupportedAlgorithm(field: field, algorithm: name))
        }
    }

    static func text(of name: SubjectAlternativeName) -> String {
        switch name {
        case .dns(let value), .ip(let value), .email(let value), .uri(let value): value
        }
    }
}
