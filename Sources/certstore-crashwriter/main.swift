// certstore-crashwriter: the child process of CertStoreTests' crash-safety test.
//
// Usage: certstore-crashwriter <data-directory> [concurrent-writers]
// Opens an LMDBInventoryStore in the directory and uploads certificate entries forever from several
// concurrent tasks (so group commit is exercised). After each write returns (durably committed) it prints
// `ACK <n>` on its own line. The test SIGKILLs it mid-run and checks that every acknowledged entry is
// present and intact, and that the store is consistent. Entry n is fully determined by n (see
// `CrashRecord`), so the test can rebuild what it should find.
import CertDomain
import CertStore
import Foundation
import Synchronization

/// The deterministic entry number `n`; the test rebuilds it with the same rules.
enum CrashRecord {
    static func pattern(_ count: Int, _ seed: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ seed) }
    }

    static func entry(_ n: Int) -> CertificateEntry {
        let time = Date(timeIntervalSince1970: 1_800_000_000 + Double(n))
        return CertificateEntry(
            id: CertificateID(rawValue: "cert-crash-\(n)"),
            ownerAccountID: AccountID(rawValue: "crash-owner"),
            name: "crash-\(n)",
            source: .uploaded,
            algorithm: .international,
            leafDER: Self.pattern(1000, n),
            chainDER: [Self.pattern(300, n + 1)],
            sealedKeys: [SealedKey(role: .signing, blob: Self.pattern(120, n + 2))],
            details: CertificateFacts(
                subject: "CN=crash-\(n)",
                issuer: "CN=Crash CA",
                commonName: "crash-\(n)",
                sans: ["crash-\(n).example"],
                serialNumberHex: String(n, radix: 16),
                fingerprintSHA256: String(repeating: "ab", count: 32),
                keyAlgorithm: .ec,
                keySizeBits: nil,
                curve: "P-256",
                signatureAlgorithm: "ecdsa-with-SHA256",
                notBefore: time,
                notAfter: time.addingTimeInterval(86_400 * Double(n % 400)),
                chainLength: 1,
                isChainComplete: false
            ),
            resourceGroup: "group-\(n % 5)",
            tags: ["env": n % 2 == 0 ? "prod" : "test"],
            createdAt: time,
            updatedAt: time
        )
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: certstore-crashwriter <data-directory> [concurrent-writers]\n".utf8))
    exit(64)
}
let directory = arguments[1]
let writers = arguments.count >= 3 ? Int(arguments[2]) ?? 8 : 8
let store = try LMDBInventoryStore(directory: directory, configuration: .init(mapSize: 64 << 20))
let counter = Atomic<Int>(0)

await withThrowingTaskGroup(of: Void.self) { group in
    for _ in 0..<writers {
        group.addTask {
            while true {
                let n = counter.add(1, ordering: .relaxed).newValue
                try await store.write { writer in
                    try writer.putCertificate(CrashRecord.entry(n))
                    let sequence = (try writer.lastAuditEvent()?.sequence ?? 0) + 1
                    try writer.appendAudit(
                        AuditEvent(
                            sequence: sequence,
                            time: Date(timeIntervalSince1970: 1_800_000_000),
                            actor: AccountID(rawValue: "crash-owner"),
                            action: .certificateUploaded,
                            target: "cert-crash-\(n)",
                            outcome: .success,
                            requestID: "crash-\(n)",
                            prevHash: AuditEvent.genesisHash,
                            hash: AuditEvent.genesisHash
                        )
                    )
                }
                // One write(2) per line: lines from concurrent tasks never interleave on the pipe.
                FileHandle.standardOutput.write(Data("ACK \(n)\n".utf8))
            }
        }
    }
    try? await group.waitForAll()
}
