import Foundation

/// Reads the files named on the command line: certificates, keys, and secrets.
///
/// Role: the one place certctl reads user files, so every failure reads the same way.
/// Invariant: secrets are returned, never printed or logged.
/// Isolation: a namespace of synchronous functions.
enum InputFile {
    /// The bytes of a file.
    /// - Parameter path: the file to read.
    /// - Returns: its contents.
    /// - Throws: ``CertctlError/unreadableFile(path:detail:)``.
    static func bytes(_ path: String) throws(CertctlError) -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            let detail =
                FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file"
            throw .unreadableFile(path: path, detail: detail)
        }
    }

    /// The bytes of an optional file; empty when no path is given.
    static func bytes(ifGiven path: String?) throws(CertctlError) -> [UInt8] {
        guard let path else { return [] }
        return try Self.bytes(path)
    }

    /// A passphrase or password: the file's text without one trailing newline (`\n` or `\r\n`),
    /// so that `echo secret > file` works.
    /// - Parameter path: the secret file; `nil` gives an empty secret.
    /// - Returns: the secret.
    /// - Throws: ``CertctlError/unreadableFile(path:detail:)``, also when the file is not UTF-8.
    static func secret(_ path: String?) throws(CertctlError) -> String {
        guard let path else { return "" }
        guard var text = String(bytes: try Self.bytes(path), encoding: .utf8) else {
            throw .unreadableFile(path: path, detail: "the secret is not UTF-8 text")
        }
        if text.hasSuffix("\r\n") {
            text.removeLast(1)  // "\r\n" is one Character in Swift.
        } else if text.hasSuffix("\n") {
            text.removeLast()
        }
        return text
    }
}
