import Foundation
import Testing

/// Access to the committed key-store fixtures (made by tools/make-keystore-fixtures.sh) and to the
/// openssl CLI, for the key-store test suites.
///
/// Fixtures are found through `#filePath`, so the test target needs no resources.
/// Passwords: "changeit" for every store; keypass.jks's key uses "keypass-2".
enum KeyStoreFixtures {
    static let password = "changeit"
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/keystores")

    static func url(_ name: String) -> URL {
        Self.directory.appendingPathComponent(name)
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Self.url(name)))
    }

    /// The DER inside the first PEM block of a fixture file.
    static func pemDER(_ name: String) throws -> [UInt8] {
        let text = try String(contentsOf: Self.url(name), encoding: .utf8)
        let body = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        return Array(try #require(Data(base64Encoded: body)))
    }

    static var leafKey: [UInt8] { get throws { try Self.pemDER("leaf.key") } }
    static var leaf: [UInt8] { get throws { try Self.pemDER("leaf.pem") } }
    static var intermediate: [UInt8] { get throws { try Self.pemDER("intermediate.pem") } }
    static var root: [UInt8] { get throws { try Self.pemDER("root.pem") } }

    /// A fresh temporary directory, removed after `body`.
    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("certd-keystore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    /// Runs `openssl` with arguments; returns exit status and standard output + error.
    static func openssl(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// A deterministic generator (SplitMix64) so fuzz-style tests are reproducible.
struct KeyStoreSeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }
}
