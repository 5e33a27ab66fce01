public import CertCrypto
import Foundation

/// Official certificates (issue 6): ordered from the service's official issuer and fulfilled at
/// once, and renewed in place.
///
/// Role: the domain entry point for Official/Order and Official/Renew, and the official
/// ``CertificateRenewing``. Key generation and signing run `nonisolated` before the write; the
/// write checks again and stores the entry with its audit event in one transaction; refusals are
/// audited with their reason.
/// Invariants: an official entry's keys exist only sealed, bound to its id; a renewal keeps the
/// entry's id, name, labels and creation time and replaces certificates, keys and facts (the
/// fingerprint changes, so deployments of the old one read as "needs redeploy"); a shared copy
/// receives the renewed certificates in the same transaction.
/// Isolation: an actor without mutable state of its own; the store holds the state.
public actor OfficialCertificates: CertificateRenewing {
    let domainStore: DomainStore
    let sealer: Sealer
    /// The CA that signs official RSA and EC certificates.
    public nonisolated let issuer: OfficialIssuer
    /// The CA that signs official SM2 certificates; nil: SM2 is not offered.
    public nonisolated let sm2Issuer: OfficialIssuer?

    /// Orders allow at most this many domains.
    public static let maximumDomains = 100
    /// Valid validity periods, in days.
    public static let validityDays = 1...3650

    /// - Parameters:
    ///   - store: the inventory store.
    ///   - clock: the wall clock (validity starts at its now).
    ///   - sealer: seals the generated keys under the master key.
    ///   - issuer: the official CA.
    ///   - sm2Issuer: the official SM2 CA; nil refuses SM2 orders.
    public init(
        store: any InventoryStore, clock: any WallClock, sealer: Sealer, issuer: OfficialIssuer,
        sm2Issuer: OfficialIssuer? = nil
    ) {
        self.domainStore = DomainStore(store: store, clock: clock)
        self.sealer = sealer
        self.issuer = issuer
        self.sm2Issuer = sm2Issuer
    }

    /// Issues an official certificate for the caller at once and stores it (source `official`).
    /// - Parameters:
    ///   - caller: the ordering account.
    ///   - order: domains, algorithm, validity and optional name.
    /// - Returns: the new entry.
    /// - Throws: ``DomainError/invalidArgument(field:detail:)`` (`domains`, `algorithm`,
    ///   `validityDays`, `name`), ``DomainError/nameTaken(name:)`` for a chosen name in use,
    ///   storage errors.
    public func order(_ caller: Caller, _ order: OfficialOrder) async throws(DomainError) -> CertificateEntry {
        try await self.domainStore.audited(
            caller, .certificateOrdered, target: "", details: ["domains": order.domains.joined(separator: ",")]
        ) { () async throws(DomainError) -> CertificateEntry in
            let domains = try Self.validDomains(order.domains)
            try Self.checkAlgorithm(order.algorithm)
            if order.algorithm == .sm2, self.sm2Issuer == nil {
                throw .invalidArgument(
                    field: "algorithm", detail: "SM2 is not offered: no official SM2 CA is configured")
            }
            guard Self.validityDays.contains(order.validityDays) else {
                throw .invalidArgument(field: "validityDays", detail: "must be 1-3650 days")
            }
            let chosenName = try order.name.map { name throws(DomainError) in try EntryLabels.name(name) }
            let id = CertificateID.generate()
            let issued = try await self.issue(
                id: id, domains: domains, algorithm: order.algorithm, days: order.validityDays)
            let time = self.domainStore.clock.now()
            return try await self.domainStore.write { writer in
                var name = chosenName ?? domains[0]
                if try writer.certificate(owner: caller.accountID, name: name) != nil {
                    guard chosenName == nil else { throw DomainError.nameTaken(name: name) }
                    name = "\(domains[0]) (\(id))"
                }
                var entry = CertificateEntry(
                    id: id, ownerAccountID: caller.accountID, name: name, source: .official,
                    algorithm: .international, leafDER: [], chainDER: [], sealedKeys: [], details: issued.details,
                    createdAt: time, updatedAt: time)
                entry.apply(issued)
                try writer.putCertificate(entry)
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .certificateOrdered, target: id.rawValue,
                    details: [
                        "name": name, "fingerprint": entry.details.fingerprintSHA256,
                        "domains": domains.joined(separator: ","), "validityDays": "\(order.validityDays)",
                    ])
                return entry
            }
        }
    }

    /// Re-issues one of the caller's official certificates with a new key, the same domains,
    /// algorithm and validity length; the entry keeps its id and labels, and a recipient of a share
    /// sees the new certificate.
    /// - Returns: the renewed entry.
    /// - Throws: ``DomainError/certificateNotFound(id:)``, ``DomainError/renewalUnsupported(id:source:)``
    ///   for anything not official (uploaded ones are replaced with `certctl cert replace`; shared ones
    ///   are renewed by their owner), storage errors.
    public func renew(_ caller: Caller, id: CertificateID) async throws(DomainError) -> CertificateEntry {
        try await self.domainStore.audited(caller, .certificateRenewed, target: id.rawValue) {
            () async throws(DomainError) -> CertificateEntry in
            guard let entry = try self.domainStore.read({ try $0.certificate(id: id) }),
                entry.ownerAccountID == caller.accountID
            else { throw .certificateNotFound(id: id) }
            guard entry.source == .official else { throw .renewalUnsupported(id: id, source: entry.source) }
            let algorithm = try Self.algorithm(of: entry)
            let domains = entry.details.sans.isEmpty ? [entry.details.commonName ?? ""] : entry.details.sans
            let days = Int((entry.details.notAfter.timeIntervalSince(entry.details.notBefore) / 86_400).rounded(.down))
            let issued = try await self.issue(
                id: id, domains: domains, algorithm: algorithm, days: min(max(days, 1), Self.validityDays.upperBound))
            let time = self.domainStore.clock.now()
            return try await self.domainStore.write { writer in
                guard var current = try writer.certificate(id: id), current.ownerAccountID == caller.accountID,
                    current.source == .official
                else { throw DomainError.certificateNotFound(id: id) }
                let previous = current.details.fingerprintSHA256
                current.apply(issued)
                current.updatedAt = time
                try writer.putCertificate(current)
                var details = [
                    "name": current.name, "previousFingerprint": previous,
                    "fingerprint": current.details.fingerprintSHA256,
                ]
                if let share = try ShareLedger.originalRenewed(current, writer: writer, time: time) {
                    details["recipient"] = share.recipientAccountID.rawValue
                }
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .certificateRenewed, target: id.rawValue,
                    details: details)
                return current
            }
        }
    }

    // MARK: Issuance

    /// Generates the key(s), issues the certificate(s) and seals the key(s) for entry `id`.
    nonisolated func issue(id: CertificateID, domains: [String], algorithm: KeyAlgorithm, days: Int)
        async throws(DomainError) -> IssuedCertificate
    {
        let validity = Validity.days(days, from: self.domainStore.clock.now())
        let subject = DistinguishedName(commonName: domains[0])
        let names = domains.map { SubjectAlternativeName.dns($0) }
        let isSM2 = algorithm == .sm2
        guard let issuer = isSM2 ? self.sm2Issuer : self.issuer else {
            throw .invalidArgument(field: "algorithm", detail: "SM2 is not offered: no official SM2 CA is configured")
        }
        do {
            let key = try PrivateKey.generate(algorithm)
            let leaf = try issuer.authority.issueLeaf(
                subject: subject, publicKey: key.publicKey, subjectAlternativeNames: names, validity: validity,
                keyUsage: isSM2 ? [.digitalSignature] : nil, extendedKeyUsage: [.serverAuth, .clientAuth])
            let chain = try CertificateChain.build(
                certificates: [(leaf, InputField.certificate)] + issuer.chain.map { ($0, InputField.chain) })
            var sealedKeys = [try self.seal(key, id: id, role: .signing)]
            var encryptionDER: [UInt8]?
            if isSM2 {
                // GM/T dual certificates: a second key pair for key exchange and encryption.
                let encryptionKey = try PrivateKey.generate(.sm2)
                let encryption = try issuer.authority.issueLeaf(
                    subject: subject, publicKey: encryptionKey.publicKey, subjectAlternativeNames: names,
                    validity: validity, keyUsage: [.keyEncipherment, .dataEncipherment, .keyAgreement],
                    extendedKeyUsage: [.serverAuth, .clientAuth])
                encryptionDER = encryption.der
                sealedKeys.append(try self.seal(encryptionKey, id: id, role: .encryption))
            }
            return IssuedCertificate(
                algorithm: isSM2 ? .sm2 : .international, leafDER: leaf.der,
                chainDER: chain.certificates.dropFirst().map(\.der), encryptionCertificateDER: encryptionDER,
                sealedKeys: sealedKeys, details: try CertificateInventory.facts(of: chain),
                warnings: CertificateInventory.warnings(for: chain))
        } catch let error as CertificateError {
            throw .invalidCertificate(error)
        } catch {
            throw DomainError.wrap(error)
        }
    }

    nonisolated func seal(_ key: PrivateKey, id: CertificateID, role: KeyRole) throws(DomainError) -> SealedKey {
        do throws(SealingError) {
            let box = try self.sealer.seal(
                key.pkcs8DER, associatedData: SealedKey.associatedData(for: id.rawValue, role: role))
            return SealedKey(role: role, blob: box.bytes)
        } catch {
            throw .keyUnavailable(error)
        }
    }

    // MARK: Validation

    /// Lowercased, de-duplicated DNS names (order kept), each a hostname or a `*.` wildcard.
    static func validDomains(_ raw: [String]) throws(DomainError) -> [String] {
        var domains: [String] = []
        for text in raw {
            let domain = text.lowercased()
            guard Self.isDomainName(domain) else {
                throw .invalidArgument(
                    field: "domains",
                    detail:
                        "\"\(text.prefix(80))\" is not a DNS name (labels of a-z, 0-9 and '-', optionally '*.' first)")
            }
            if !domains.contains(domain) { domains.append(domain) }
        }
        guard (1...Self.maximumDomains).contains(domains.count) else {
            throw .invalidArgument(field: "domains", detail: "give 1-\(Self.maximumDomains) domains")
        }
        return domains
    }

    static func isDomainName(_ domain: String) -> Bool {
        var name = Substring(domain)
        if name.hasPrefix("*.") { name = name.dropFirst(2) }
        guard (1...253).contains(name.utf8.count) else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.utf8.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.utf8.allSatisfy {
                    (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-")
                }
        }
    }

    /// RSA 2048/3072/4096, EC P-256/P-384 and SM2 only.
    static func checkAlgorithm(_ algorithm: KeyAlgorithm) throws(DomainError) {
        switch algorithm {
        case .rsa(let bits) where [2048, 3072, 4096].contains(bits): return
        case .ec(let curve) where ["prime256v1", "secp384r1"].contains(curve): return
        case .sm2: return
        default:
            throw .invalidArgument(
                field: "algorithm", detail: "\(algorithm) is not offered; use RSA 2048/3072/4096, EC P-256/P-384 or SM2"
            )
        }
    }

    /// The algorithm an official entry was issued with, for its renewal.
    static func algorithm(of entry: CertificateEntry) throws(DomainError) -> KeyAlgorithm {
        switch entry.details.keyAlgorithm {
        case .rsa: return .rsa(bits: entry.details.keySizeBits ?? 2048)
        case .ec: return entry.details.curve == "P-384" ? .p384 : .p256
        case .sm2: return .sm2
        case .ed25519, .ed448:
            throw .invalidArgument(field: "algorithm", detail: "\(entry.details.keyAlgorithm) is not renewable")
        }
    }
}
