public import CertCrypto
public import Foundation

/// The private CAs of every account: regions, root and intermediate CAs, issuance, revocation, CRLs,
/// batch sync into the inventory and re-issue (issue 6).
///
/// Role: the domain's entry point for the PCA feature. Records are documents: `pca.authority` (CA
/// records, key sealed in the document), `pca.authority-owner` (index `"<owner>/<region>/<caID>"`),
/// `pca.issued` (issued certificates keyed `"<caID>/<certID>"`, generated keys sealed in the document),
/// `pca.issued-id` (index certID -> caID), `pca.revoked` (`"<caID>/<certID>"` -> CRL entry) and
/// `pca.synced` (inventory entry id -> `"<caID>/<certID>"`).
/// Invariants: an account sees and changes only its own CAs and certificates (anything else answers
/// `pcaAuthorityNotFound`/`pcaCertificateNotFound`); CA and leaf keys exist only sealed, bound to their
/// document; every mutation writes its audit event in the same transaction, refusals are audited on
/// their own; a rewritten record keeps its sealed keys.
/// Isolation: an actor without mutable state of its own; the store serialises writes, reads run on
/// snapshots from any task, CPU-heavy work (key generation, signing, parsing) runs before the write.
public actor PrivateCertificateAuthorities {
    let domainStore: DomainStore
    let sealer: Sealer
    /// The regions CAs may live in, in configured order.
    public nonisolated let regions: [String]

    /// The regions used when none are configured.
    public static let defaultRegions = ["cn-hangzhou", "cn-beijing", "ap-southeast-1", "eu-central-1"]

    /// Certificates written per transaction by ``sync(_:caID:ids:)``, so a 10,000-certificate batch
    /// is many short transactions instead of one giant one.
    public static let syncChunkSize = 200

    /// Longest CA validity, in days (20 years).
    public static let maximumAuthorityDays = 7_300
    /// Longest leaf validity, in days (10 years; more than 365 needs `acceptRisk`).
    public static let maximumLeafDays = 3_650

    static let authorities = DocumentCollection("pca.authority")
    static let authorityIndex = DocumentCollection("pca.authority-owner")
    static let issued = DocumentCollection("pca.issued")
    static let issuedIndex = DocumentCollection("pca.issued-id")
    static let revokedIndex = DocumentCollection("pca.revoked")
    static let syncedIndex = DocumentCollection("pca.synced")

    /// - Parameters:
    ///   - store: the inventory store.
    ///   - clock: the wall clock (validity starts, revocation and CRL times).
    ///   - sealer: seals and opens CA and leaf keys under the master key.
    ///   - regions: the configured regions (non-empty; order kept for listing).
    public init(
        store: any InventoryStore, clock: any WallClock, sealer: Sealer, regions: [String] = defaultRegions
    ) {
        precondition(!regions.isEmpty, "at least one private-CA region is configured")
        self.domainStore = DomainStore(store: store, clock: clock)
        self.sealer = sealer
        self.regions = regions
    }

    /// The current time of the injected clock.
    public nonisolated func now() -> Date { self.domainStore.clock.now() }

    // MARK: Authorities

    /// Creates a self-signed root CA in a region; its key is generated and sealed here.
    /// - Parameters:
    ///   - caller: the owner.
    ///   - request: region, subject, algorithm, validity and path length.
    /// - Returns: the new CA.
    /// - Throws: ``DomainError/pcaRegionUnknown(region:known:)``, ``DomainError/invalidArgument(field:detail:)``
    ///   (validity, path length), ``DomainError/invalidCertificate(_:)`` for a bad subject, storage errors.
    public nonisolated func createRoot(_ caller: Caller, _ request: PCARootRequest) async throws(DomainError)
        -> PrivateCA
    {
        try await self.domainStore.audited(
            caller, .pcaAuthorityCreated, target: "", details: ["kind": "root", "region": request.region]
        ) { () async throws(DomainError) -> PrivateCA in
            guard self.regions.contains(request.region) else {
                throw .pcaRegionUnknown(region: request.region, known: self.regions)
            }
            try Self.checkDays(request.validityDays, maximum: Self.maximumAuthorityDays)
            try Self.checkPathLength(request.pathLength)
            let time = self.now()
            let authority: CertificateAuthority
            do throws(CertificateError) {
                authority = try CertificateAuthority.makeRoot(
                    subject: request.subject, key: try PrivateKey.generate(request.algorithm.keyAlgorithm),
                    validity: .days(request.validityDays, from: time), pathLength: request.pathLength)
            } catch {
                throw .invalidCertificate(error)
            }
            let record = Self.record(
                authority, id: .generate(), owner: caller.accountID, region: request.region, kind: .root,
                parent: nil, algorithm: request.algorithm, pathLength: request.pathLength, chainDER: [], time: time)
            return try await self.commitAuthority(caller, record, key: authority.key)
        }
    }

    /// Creates an intermediate CA under one of the caller's roots, in the root's region.
    /// - Parameters:
    ///   - caller: the owner.
    ///   - request: the parent root, subject, algorithm, validity and path length (0: leaves only).
    /// - Returns: the new CA.
    /// - Throws: ``DomainError/pcaAuthorityNotFound(id:)``, ``DomainError/pcaWrongAuthorityKind(id:expected:)``
    ///   when the parent is not a root, ``DomainError/invalidArgument(field:detail:)`` (validity beyond the
    ///   root's, path length), ``DomainError/invalidCertificate(_:)`` (path length the root forbids).
    public nonisolated func createIntermediate(_ caller: Caller, _ request: PCAIntermediateRequest)
        async throws(DomainError) -> PrivateCA
    {
        try await self.domainStore.audited(
            caller, .pcaAuthorityCreated, target: request.parentID.rawValue, details: ["kind": "intermediate"]
        ) { () async throws(DomainError) -> PrivateCA in
            let (parent, parentAuthority) = try self.openAuthority(caller, id: request.parentID)
            guard parent.kind == .root else {
                throw .pcaWrongAuthorityKind(id: parent.id, expected: .root)
            }
            try Self.checkDays(request.validityDays, maximum: Self.maximumAuthorityDays)
            try Self.checkPathLength(request.pathLength)
            let time = self.now()
            let validity = Validity.days(request.validityDays, from: time)
            guard validity.notAfter <= parent.notAfter else {
                throw .invalidArgument(
                    field: "validityDays",
                    detail:
                        "the intermediate would outlive its root (which expires \(parent.notAfter)); choose fewer days")
            }
            let authority: CertificateAuthority
            do throws(CertificateError) {
                authority = try parentAuthority.issueIntermediate(
                    subject: request.subject, key: try PrivateKey.generate(request.algorithm.keyAlgorithm),
                    validity: validity, pathLength: request.pathLength)
            } catch {
                throw .invalidCertificate(error)
            }
            let record = Self.record(
                authority, id: .generate(), owner: caller.accountID, region: parent.region, kind: .intermediate,
                parent: parent.id, algorithm: request.algorithm, pathLength: request.pathLength,
                chainDER: [parent.certificateDER] + parent.chainDER, time: time)
            return try await self.commitAuthority(caller, record, key: authority.key)
        }
    }

    /// One of the caller's CAs.
    /// - Throws: ``DomainError/pcaAuthorityNotFound(id:)``.
    public nonisolated func authority(_ caller: Caller, id: PrivateCAID) throws(DomainError) -> PrivateCA {
        try self.loadAuthority(caller, id: id).record
    }

    /// The caller's CAs, by region then id.
    /// - Parameters:
    ///   - caller: the owner.
    ///   - region: only this region (must be a configured one); nil for all.
    ///   - kind: only roots or only intermediates; nil for both.
    /// - Returns: the CAs.
    /// - Throws: ``DomainError/pcaRegionUnknown(region:known:)``, storage errors.
    public nonisolated func listAuthorities(_ caller: Caller, region: String? = nil, kind: PrivateCA.Kind? = nil)
        throws(DomainError) -> [PrivateCA]
    {
        if let region, !self.regions.contains(region) {
            throw .pcaRegionUnknown(region: region, known: self.regions)
        }
        let prefix = caller.accountID.rawValue + "/" + (region.map { $0 + "/" } ?? "")
        return try self.domainStore.read { reader in
            try reader.documents(Self.authorityIndex, prefix: prefix, after: nil, limit: Int.max).compactMap {
                index -> PrivateCA? in
                guard let id = index.key.split(separator: "/").last else { return nil }
                return try reader.decodedDocument(PrivateCA.self, in: Self.authorities, key: String(id))
            }
        }.filter { kind == nil || $0.kind == kind }
    }

    // MARK: Internals shared by the extensions

    static func checkDays(_ days: Int, maximum: Int) throws(DomainError) {
        guard (1...maximum).contains(days) else {
            throw .invalidArgument(field: "validityDays", detail: "must be 1...\(maximum)")
        }
    }

    static func checkPathLength(_ length: Int?) throws(DomainError) {
        if let length, !(0...8).contains(length) {
            throw .invalidArgument(field: "pathLength", detail: "must be 0...8, or omitted for unlimited")
        }
    }

    static func record(
        _ authority: CertificateAuthority, id: PrivateCAID, owner: AccountID, region: String, kind: PrivateCA.Kind,
        parent: PrivateCAID?, algorithm: PCAKeyAlgorithm, pathLength: Int?, chainDER: [[UInt8]], time: Date
    ) -> PrivateCA {
        let details = authority.certificate.details
        return PrivateCA(
            id: id, ownerAccountID: owner.rawValue, region: region, kind: kind, parentID: parent,
            algorithm: algorithm, subject: details.subject, commonName: details.commonName ?? "",
            pathLength: pathLength, certificateDER: authority.certificate.der, chainDER: chainDER,
            serialNumberHex: details.serialNumber, notBefore: details.notBefore, notAfter: details.notAfter,
            createdAt: time)
    }

    /// Writes a new CA with its sealed key, its owner index entry and its audit event.
    func commitAuthority(_ caller: Caller, _ record: PrivateCA, key: PrivateKey) async throws(DomainError)
        -> PrivateCA
    {
        let sealed = try self.seal(
            key, sealingID: StoredDocument.sealingID(collection: Self.authorities, key: record.id.rawValue))
        let time = record.createdAt
        return try await self.domainStore.write { writer in
            if let parentID = record.parentID {
                guard try writer.document(Self.authorities, key: parentID.rawValue) != nil else {
                    throw DomainError.pcaAuthorityNotFound(id: parentID)
                }
            }
            try writer.putEncodedDocument(record, in: Self.authorities, key: record.id.rawValue, sealedKeys: [sealed])
            try writer.putDocument(
                StoredDocument(
                    collection: Self.authorityIndex,
                    key: "\(record.ownerAccountID)/\(record.region)/\(record.id.rawValue)", body: []))
            var details = ["kind": record.kind.rawValue, "region": record.region, "subject": record.subject]
            if let parentID = record.parentID { details["parent"] = parentID.rawValue }
            try AuditTrail.append(
                to: writer, time: time, caller: caller, action: .pcaAuthorityCreated, target: record.id.rawValue,
                details: details)
            return record
        }
    }

    /// The caller's CA record and its stored document (for the sealed key).
    nonisolated func loadAuthority(_ caller: Caller, id: PrivateCAID) throws(DomainError)
        -> (record: PrivateCA, document: StoredDocument)
    {
        let found = try self.domainStore.read { reader -> (PrivateCA, StoredDocument)? in
            guard let document = try reader.document(Self.authorities, key: id.rawValue),
                let record = try reader.decodedDocument(PrivateCA.self, in: Self.authorities, key: id.rawValue)
            else { return nil }
            return (record, document)
        }
        guard let found, found.0.ownerAccountID == caller.accountID.rawValue else {
            throw .pcaAuthorityNotFound(id: id)
        }
        return (found.0, found.1)
    }

    /// The caller's CA with its unsealed key, ready to sign.
    nonisolated func openAuthority(_ caller: Caller, id: PrivateCAID) throws(DomainError)
        -> (record: PrivateCA, authority: CertificateAuthority)
    {
        let (record, document) = try self.loadAuthority(caller, id: id)
        guard let sealed = document.sealedKeys.first(where: { $0.role == .signing }) else {
            throw .keyUnavailable(.authenticationFailed)
        }
        let pkcs8 = try self.open(sealed, sealingID: document.sealingID)
        do throws(CertificateError) {
            let key = try PrivateKey(bytes: pkcs8, passphrase: nil)
            return (
                record, try CertificateAuthority(certificate: try Certificate(der: record.certificateDER), key: key)
            )
        } catch {
            throw .invalidCertificate(error)
        }
    }

    nonisolated func seal(_ key: PrivateKey, sealingID: String, role: KeyRole = .signing) throws(DomainError)
        -> SealedKey
    {
        try self.seal(pkcs8: key.pkcs8DER, sealingID: sealingID, role: role)
    }

    nonisolated func seal(pkcs8: [UInt8], sealingID: String, role: KeyRole = .signing) throws(DomainError)
        -> SealedKey
    {
        do throws(SealingError) {
            let box = try self.sealer.seal(pkcs8, associatedData: SealedKey.associatedData(for: sealingID, role: role))
            return SealedKey(role: role, blob: box.bytes)
        } catch {
            throw .keyUnavailable(error)
        }
    }

    nonisolated func open(_ key: SealedKey, sealingID: String) throws(DomainError) -> [UInt8] {
        do throws(SealingError) {
            let box = try SealedBox(bytes: key.blob)
            return try self.sealer.open(box, associatedData: SealedKey.associatedData(for: sealingID, role: key.role))
        } catch {
            throw .keyUnavailable(error)
        }
    }
}
