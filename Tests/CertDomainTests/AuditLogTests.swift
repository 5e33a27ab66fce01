import Foundation
import Testing

@testable import CertDomain

@Suite("AuditLog")
struct AuditLogTests {
    @Test("SHA-256 matches the FIPS 180-4 test vectors")
    func sha256Vectors() {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
        #expect(hex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            hex(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            hex(SHA256.hash([UInt8](repeating: 0x61, count: 1000)))
                == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test("every mutation is chained and the chain verifies")
    func chainVerifies() async throws {
        let f = try await DomainFixture()
        let result = try await f.upload(f.alice, name: "web")
        _ = try await f.inventory.downloadCertificate(f.alice, id: result.entry.id)
        try await f.inventory.deleteCertificate(f.alice, id: result.entry.id)
        let events = try f.audit.list(f.admin, AuditQuery(limit: 100))
        #expect(
            events.map(\.action) == [
                .certificateDeleted, .keyDownloaded, .certificateUploaded, .accountCreated, .accountCreated,
                .accountCreated,
            ])
        #expect(events.map(\.sequence) == [6, 5, 4, 3, 2, 1])
        #expect(
            events[0].requestID == "req-alice" && events[0].actor == f.alice.accountID
                && events[0].target == result.entry.id.rawValue)
        #expect(try f.audit.verifyChain() == .intact(eventCount: 6))
        #expect(try f.audit.verifyChain(batchSize: 2) == .intact(eventCount: 6))
    }

    @Test("an edited event is detected and named")
    func tamperDetected() async throws {
        let f = try await DomainFixture()
        try await f.upload(f.alice, name: "web")
        try await f.upload(f.alice, name: "api")
        #expect(f.store.tamperWithAuditEvent(sequence: 4) { $0.details["name"] = "innocent" })
        #expect(try f.audit.verifyChain() == .broken(sequence: 4, problem: .hashMismatch))
    }

    @Test("an event rewritten with a recomputed hash breaks the next link")
    func rewrittenEventDetected() async throws {
        let f = try await DomainFixture()
        try await f.upload(f.alice, name: "web")
        try await f.upload(f.alice, name: "api")
        f.store.tamperWithAuditEvent(sequence: 4) { event in
            event.actor = AccountID(rawValue: "bob")
            event.hash = AuditTrail.hash(of: event)
        }
        #expect(try f.audit.verifyChain() == .broken(sequence: 5, problem: .previousHashMismatch))
    }

    @Test("users see only their own events; admins see all, filtered")
    func listVisibility() async throws {
        let f = try await DomainFixture()
        try await f.upload(f.alice, name: "web")
        try await f.upload(f.bob, name: "web")
        let aliceSees = try f.audit.list(f.alice, AuditQuery())
        #expect(aliceSees.count == 1 && aliceSees.allSatisfy { $0.actor == f.alice.accountID })
        let spoofed = try f.audit.list(f.alice, AuditQuery(actor: f.bob.accountID))
        #expect(spoofed.allSatisfy { $0.actor == f.alice.accountID })
        #expect(try f.audit.list(f.admin, AuditQuery(action: .certificateUploaded)).count == 2)
    }
}
