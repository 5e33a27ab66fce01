import CertDomain
import CertStore
import Foundation

/// Deterministic sample records for store tests (no crypto: DER and sealed blobs are patterned bytes of
/// realistic sizes, which is all the store sees).
enum InventoryFixtures {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: TimeInterval = 86_400

    /// A small map so tests stay light; growth allowed up to 1 GiB.
    static let configuration = LMDBInventoryStore.Configuration(mapSize: 16 << 20, maximumMapSize: 1 << 30)

    static func account(_ id: String, fingerprints: [String] = []) -> Account {
        Account(
            id: AccountID(rawValue: id),
            displayName: "Account \(id)",
            verifiedIdentity: VerifiedIdentity(name: "Org \(id)", kind: .legalEntity, isVerified: true),
            site: .international,
            role: .user,
            createdAt: Self.now,
            clientCertificateFingerprints: fingerprints
        )
    }

    static func bytes(_ count: Int, seed: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed) }
    }

    static func certificate(
        _ id: String,
        owner: String = "alice",
        name: String? = nil,
        expiresInDays: Double = 100,
        source: CertificateSource = .uploaded,
        tags: [String: String] = [:],
        resourceGroup: String = "",
        createdAt: Date = InventoryFixtures.now,
        fingerprint: String? = nil,
        keyBlob: [UInt8]? = nil
    ) -> CertificateEntry {
        let seed = id.utf8.reduce(0) { $0 &* 33 &+ Int($1) }
        return CertificateEntry(
            id: CertificateID(rawValue: id),
            ownerAccountID: AccountID(rawValue: owner),
            name: name ?? "name-\(id)",
            source: source,
            algorithm: .international,
            leafDER: Self.bytes(900, seed: seed),
            chainDER: [Self.bytes(400, seed: seed + 1)],
            sealedKeys: [SealedKey(role: .signing, blob: keyBlob ?? Self.bytes(150, seed: seed + 2))],
            details: CertificateFacts(
                subject: "CN=\(id).example.com",
                issuer: "CN=Test CA",
                commonName: "\(id).example.com",
                sans: ["\(id).example.com", "www.\(id).example.com"],
                serialNumberHex: String(seed, radix: 16),
                fingerprintSHA256: fingerprint ?? String(repeating: String(seed & 0xF, radix: 16), count: 64),
                keyAlgorithm: .ec,
                keySizeBits: nil,
                curve: "P-256",
                signatureAlgorithm: "ecdsa-with-SHA256",
                notBefore: Self.now.addingTimeInterval(-Self.day),
                notAfter: Self.now.addingTimeInterval(expiresInDays * Self.day),
                chainLength: 1,
                isChainComplete: false
            ),
            resourceGroup: resourceGroup,
            tags: tags,
            createdAt: createdAt,
            updatedAt: createdAt
        )
    }

    static func csr(_ id: String, owner: String = "alice") -> CSREntry {
        CSREntry(
            id: CSRID(rawValue: id),
            ownerAccountID: AccountID(rawValue: owner),
            csrDER: Self.bytes(600, seed: 7),
            sealedKey: SealedKey(role: .csr, blob: Self.bytes(120, seed: 9)),
            subject: "CN=\(id)",
            commonName: id,
            sans: [],
            keyAlgorithm: .ec,
            createdAt: Self.now
        )
    }

    static func auditEvent(_ sequence: UInt64) -> AuditEvent {
        AuditEvent(
            sequence: sequence,
            time: Self.now,
            actor: AccountID(rawValue: "alice"),
            action: .certificateUploaded,
            target: "cert-\(sequence)",
            outcome: sequence % 2 == 0 ? .success : .failure(reason: "nameTaken"),
            requestID: "req-\(sequence)",
            details: ["name": "n\(sequence)"],
            prevHash: AuditEvent.genesisHash,
            hash: Array(repeating: UInt8(sequence & 0xFF), count: 32)
        )
    }
}
