import CertDomain
import CertStore
import CertTestSupport
import Foundation
import Testing

/// A child process (`certstore-crashwriter`) uploads in a loop and prints `ACK <n>` after each durable
/// write; it is killed with SIGKILL mid-run. On reopen every acknowledged upload must be present and
/// intact, and nothing half-written may exist.
@Suite("Crash safety")
struct CrashSafetyTests {
    /// The crash writer sits next to the test bundle in the build directory (`swift build --build-tests`
    /// builds every product).
    static func crashWriterPath() throws -> String {
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let path = URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent(
            "certstore-crashwriter"
        ).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw CrashWriterMissing(path: path)
        }
        return path
    }

    struct CrashWriterMissing: Error, CustomStringConvertible {
        let path: String
        var description: String { "\(self.path) not found: run `swift build --build-tests` first" }
    }

    /// The same byte pattern `certstore-crashwriter` writes for entry `n`.
    static func pattern(_ count: Int, _ seed: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ seed) }
    }

    @Test("SIGKILL mid-run: every acknowledged upload survives intact; nothing half-written")
    func killedWriterLosesNothingAcknowledged() async throws {
        try await withTemporaryDirectory { directory in
            let crashWriter = try Self.crashWriterPath()
            // Reading the child's acknowledgements blocks; it runs off the test pool (onOwnThread).
            let (wasRunning, terminationReason, acknowledged) = try await onOwnThread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: crashWriter)
                process.arguments = [directory, "8"]
                let output = Pipe()
                process.standardOutput = output
                try process.run()

                var buffer: [UInt8] = []
                var acknowledged: [Int] = []
                func consume(_ data: Data) {
                    buffer += data
                    while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                        let line = String(decoding: buffer[..<newline], as: UTF8.self)
                        buffer.removeSubrange(...newline)
                        if line.hasPrefix("ACK "), let n = Int(line.dropFirst(4)) {
                            acknowledged.append(n)
                        }
                    }
                }
                while acknowledged.count < 300 {
                    let data = output.fileHandleForReading.availableData
                    if data.isEmpty { break }  // the child exited early; checked below
                    consume(data)
                }
                let wasRunning = process.isRunning
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                consume(output.fileHandleForReading.readDataToEndOfFile())
                return (wasRunning, process.terminationReason, acknowledged)
            }
            #expect(wasRunning, "the crash writer stopped before it was killed")
            #expect(terminationReason == .uncaughtSignal)
            #expect(acknowledged.count >= 300)

            let store = try LMDBInventoryStore(directory: directory, configuration: .init(mapSize: 64 << 20))
            defer { store.close() }
            let (missing, damaged, stored, lastSequence) = try store.read { reader in
                var missing: [Int] = []
                var damaged: [Int] = []
                for n in acknowledged {
                    guard let entry = try reader.certificate(id: CertificateID(rawValue: "cert-crash-\(n)")) else {
                        missing.append(n)
                        continue
                    }
                    let intact =
                        entry.name == "crash-\(n)" && entry.leafDER == Self.pattern(1000, n)
                        && entry.chainDER == [Self.pattern(300, n + 1)]
                        && entry.sealedKeys == [SealedKey(role: .signing, blob: Self.pattern(120, n + 2))]
                        && entry.tags == ["env": n % 2 == 0 ? "prod" : "test"]
                        && entry.resourceGroup == "group-\(n % 5)"
                    if !intact { damaged.append(n) }
                }
                let summary = try reader.countCertificates(owner: AccountID(rawValue: "crash-owner"), now: Date())
                return (missing, damaged, summary.total, try reader.lastAuditEvent()?.sequence ?? 0)
            }
            #expect(missing == [])
            #expect(damaged == [])
            // Each write stored one certificate and one audit event atomically: the counts must agree.
            #expect(UInt64(stored) == lastSequence)
            #expect(stored >= acknowledged.count)
            #expect(try store.checkConsistency() == [])
        }
    }
}
