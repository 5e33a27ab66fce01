public import Foundation

/// Executable contract of ``InventoryStore``: checks any implementation against the semantics the
/// in-memory store defines.
///
/// Role: shared by `CertDomainTests` (against ``InMemoryInventoryStore``) and `CertStoreTests`
/// (against LMDB), so both stores are held to the same rules. Use one test per check:
/// ```swift
/// @Test(arguments: InventoryStoreConformance.Check.allCases)
/// func conformance(_ check: InventoryStoreConformance.Check) async throws {
///     try await withTemporaryDirectory { dir in
///         try await InventoryStoreConformance.run(check, on: try LMDBInventoryStore(path: dir))
///     }
/// }
/// ```
/// Each check expects a fresh, empty store and throws ``Failure`` naming what differed.
/// Isolation: stateless; checks run on the caller's task.
public enum InventoryStoreConformance {
    /// One behaviour of the port.
    public enum Check: String, CaseIterable, Sendable, CustomStringConvertible {
        case accountsRoundTrip
        case accountFingerprintIsUnique
        case certificateRoundTripAndIndexes
        case certificateNameIsUniquePerOwner
        case failedWriteLeavesNothing
        case expiryFilterBoundaries
        case filtersMatchExactly
        case sortOrders
        case paginationStableUnderInsertAndDelete
        case summaryCounts
        case csrRoundTrip
        case auditAppendAndQuery
        case concurrentWritesAllCommit
        case documentsRoundTripAndPrefixes

        public var description: String { self.rawValue }
    }

    /// A difference between the store and the contract.
    public struct Failure: Error, CustomStringConvertible {
        public var check: Check
        public var message: String
        public var line: UInt
        public var description: String {
            "\(self.check) (InventoryStoreConformance.swift:\(self.line)): \(self.message)"
        }
    }

    /// Runs every check, each on a fresh store.
    /// - Parameter makeStore: returns a new empty store per call.
    /// - Throws: the first ``Failure``, or what the store threw unexpectedly.
    public static func runAll(makeStore: () async throws -> any InventoryStore) async throws {
        for check in Check.allCases {
            try await self.run(check, on: try await makeStore())
        }
    }

    /// Runs one check.
    /// - Parameters:
    ///   - check: the behaviour to check.
    ///   - store: a fresh, empty store.
    /// - Throws: ``Failure`` when the store deviates, or what the store threw unexpectedly.
    public static func run(_ check: Check, on store: any InventoryStore) async throws {
        let context = Context(check: check, store: store)
        switch check {
        case .accountsRoundTrip: try await context.accountsRoundTrip()
        case .accountFingerprintIsUnique: try await context.accountFingerprintIsUnique()
        case .certificateRoundTripAndIndexes: try await context.certificateRoundTripAndIndexes()
        case .certificateNameIsUniquePerOwner: try await context.certificateNameIsUniquePerOwner()
        case .failedWriteLeavesNothing: try await context.failedWriteLeavesNothing()
        case .expiryFilterBoundaries: try await context.expiryFilterBoundaries()
        case .filtersMatchExactly: try await context.filtersMatchExactly()
        case .sortOrders: try await context.sortOrders()
        case .paginationStableUnderInsertAndDelete: try await context.paginationStableUnderInsertAndDelete()
        case .summaryCounts: try await context.summaryCounts()
        case .csrRoundTrip: try await context.csrRoundTrip()
        case .auditAppendAndQuery: try await context.auditAppendAndQuery()
        case .concurrentWritesAllCommit: try await context.concurrentWritesAllCommit()
        case .documentsRoundTripAndPrefixes: try await context.documentsRoundTripAndPrefixes()
        }
    }

    /// The fixed instant checks evaluate expiry at (with a fraction, to check flooring).
    public static let referenceNow = Date(timeIntervalSince1970: 1_800_000_000.75)

    /// A syntactically plausible entry with fake DER bytes (stores never parse them).
    /// - Returns: an entry owned by `owner` with the given facts; unspecified fields get fixed values.
    public static func sampleCertificate(
        id: CertificateID = .generate(),
        owner: AccountID,
        name: String,
        notAfter: Date = referenceNow.addingTimeInterval(365 * 86_400),
        createdAt: Date = Date(unixMilliseconds: 1_790_000_000_000),
        source: CertificateSource = .uploaded,
        keyAlgorithm: KeyFamily = .ec,
        commonName: String? = "example.com",
        sans: [String] = ["example.com", "www.example.com"],
        fingerprint: String = String(repeating: "ab", count: 32),
        resourceGroup: String = "",
        tags: [String: String] = [:]
    ) -> CertificateEntry {
        let notAfterWhole = Date(timeIntervalSince1970: Double(notAfter.unixSeconds))
        return CertificateEntry(
            id: id,
            ownerAccountID: owner,
            name: name,
            source: source,
            algorithm: keyAlgorithm == .sm2 ? .sm2 : .international,
            leafDER: [0x30, 0x82, 0x01, 0x0A] + Array(name.utf8),
            chainDER: [[0x30, 0x03, 0x02, 0x01, 0x01]],
            encryptionCertificateDER: keyAlgorithm == .sm2 ? [0x30, 0x01, 0x00] : nil,
            sealedKeys: keyAlgorithm == .sm2
                ? [SealedKey(role: .signing, blob: [1, 2, 3]), SealedKey(role: .encryption, blob: [4, 5, 6])]
                : [SealedKey(role: .signing, blob: [7, 8, 9])],
            details: CertificateFacts(
                subject: "CN=\(commonName ?? "")",
                issuer: "CN=Test CA",
                commonName: commonName,
                sans: sans,
                serialNumberHex: "01",
                fingerprintSHA256: fingerprint,
                keyAlgorithm: keyAlgorithm,
                keySizeBits: keyAlgorithm == .rsa ? 2048 : nil,
                curve: keyAlgorithm == .ec ? "P-256" : nil,
                signatureAlgorithm: "ecdsa-with-SHA256",
                notBefore: notAfterWhole.addingTimeInterval(-400 * 86_400),
                notAfter: notAfterWhole,
                chainLength: 1,
                isChainComplete: true
            ),
            resourceGroup: resourceGroup,
            tags: tags,
            createdAt: createdAt.truncatedToMilliseconds,
            updatedAt: createdAt.truncatedToMilliseconds,
            warnings: [CertificateWarning(code: "leakRisk", message: "Valid for more than a year.")]
        )
    }

    /// A sample account.
    public static func sampleAccount(_ id: String, fingerprints: [String] = []) -> Account {
        Account(
            id: AccountID(rawValue: id),
            displayName: "Account \(id)",
            verifiedIdentity: VerifiedIdentity(name: "Example Ltd", kind: .legalEntity, isVerified: true),
            site: .international,
            role: .user,
            createdAt: Date(unixMilliseconds: 1_790_000_000_123),
            clientCertificateFingerprints: fingerprints
        )
    }

    /// A sample audit event with the given sequence (hashes are placeholders: stores do not check them).
    public static func sampleAuditEvent(
        sequence: UInt64,
        actor: String = "alice",
        action: AuditAction = .certificateUploaded,
        target: String = "cert-0",
        outcome: AuditOutcome = .success
    ) -> AuditEvent {
        AuditEvent(
            sequence: sequence,
            time: Date(unixMilliseconds: 1_800_000_000_000 + Int64(sequence)),
            actor: AccountID(rawValue: actor),
            action: action,
            target: target,
            outcome: outcome,
            requestID: "req-\(sequence)",
            details: ["name": "n\(sequence)"],
            prevHash: AuditEvent.genesisHash,
            hash: [UInt8](repeating: UInt8(truncatingIfNeeded: sequence), count: 32)
        )
    }
}
