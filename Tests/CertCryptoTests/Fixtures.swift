import CertCrypto
import Foundation
import Testing

/// Access to the committed fixtures (made by tools/make-crypto-fixtures.sh) and to the openssl CLI.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    static func path(_ name: String) -> String { self.directory.appendingPathComponent(name).path }

    static func bytes(_ name: String) -> [UInt8] {
        Array(try! Data(contentsOf: self.directory.appendingPathComponent(name)))
    }

    static func text(_ name: String) -> String {
        String(decoding: self.bytes(name), as: UTF8.self)
    }

    static func certificate(_ name: String) -> Certificate {
        try! Certificate(pem: self.text(name))
    }

    static func key(_ name: String, passphrase: String? = nil) -> PrivateKey {
        try! PrivateKey(pem: self.text(name), passphrase: passphrase)
    }
}

/// Runs the openssl CLI and returns (exit status, stdout + stderr).
enum OpenSSLCLI {
    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let input = Pipe()
        process.standardInput = input
        try! process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Writes `contents` to a fresh temp file and returns its path.
    static func temporaryFile(_ contents: String, suffix: String = ".pem") -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("certcrypto-\(UUID().uuidString)\(suffix)").path
        try! Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// Captures the error of a throwing CertificateError call.
func certificateError(_ body: () throws -> Void) -> CertificateError? {
    do {
        try body()
        return nil
    } catch let error as CertificateError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}
