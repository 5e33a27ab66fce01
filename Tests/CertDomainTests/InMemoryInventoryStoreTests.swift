import CertDomain
import Foundation
import Testing

@Suite("InMemoryInventoryStore")
struct InMemoryInventoryStoreTests {
    @Test("conforms to the InventoryStore contract", arguments: InventoryStoreConformance.Check.allCases)
    func conformance(_ check: InventoryStoreConformance.Check) async throws {
        try await InventoryStoreConformance.run(check, on: InMemoryInventoryStore())
    }

    @Test("a read snapshot does not see writes committed after it was taken")
    func snapshotIsolation() async throws {
        let store = InMemoryInventoryStore()
        let owner = AccountID(rawValue: "alice")
        try await store.write {
            try $0.putCertificate(InventoryStoreConformance.sampleCertificate(owner: owner, name: "a"))
        }
        let (before, after): (Int, Int) = try store.read { reader in
            let before = try reader.countCertificates(owner: owner, now: InventoryStoreConformance.referenceNow).total
            // A write committed from elsewhere while this snapshot is open.
            let semaphore = DispatchSemaphore(value: 0)
            Task.detached {
                try await store.write {
                    try $0.putCertificate(InventoryStoreConformance.sampleCertificate(owner: owner, name: "b"))
                }
                semaphore.signal()
            }
            semaphore.wait()
            return (
                before, try reader.countCertificates(owner: owner, now: InventoryStoreConformance.referenceNow).total
            )
        }
        #expect(before == 1 && after == 1)
        let now = try store.read {
            try $0.countCertificates(owner: owner, now: InventoryStoreConformance.referenceNow).total
        }
        #expect(now == 2)
    }

    @Test("page tokens round-trip and garbage tokens are refused")
    func pageTokens() {
        let cursors = [
            CertificateCursor(
                field: .notAfter, key: .integer(-5), id: CertificateID(rawValue: "cert-0123456789abcdef")),
            CertificateCursor(
                field: .createdAt, key: .integer(1_800_000_000_123), id: CertificateID(rawValue: "cert-1")),
            CertificateCursor(field: .name, key: .string("名前 with spaces/+="), id: CertificateID(rawValue: "cert-2")),
        ]
        for cursor in cursors {
            let token = cursor.token
            #expect(!token.contains("+") && !token.contains("/") && !token.contains("="))
            #expect(CertificateCursor(token: token) == cursor)
        }
        #expect(CertificateCursor(token: "") == nil)
        #expect(CertificateCursor(token: "not a token!") == nil)
        #expect(CertificateCursor(token: "AQEB") == nil)
    }
}
