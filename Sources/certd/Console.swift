import Foundation

/// certd's human and machine-readable output, unbuffered so scripts reading a pipe see each line
/// as it is written.
///
/// Role: stdout carries the first-start summary and the `LISTENING host=... port=...` line;
/// stderr carries one-line errors (logs go to stderr through swift-log).
/// Isolation: a namespace; each call writes whole lines with one `write`.
enum Console {
    /// Writes `line` and a newline to stdout.
    static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Writes `certd: error: <message>` to stderr.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("certd: error: \(message)\n".utf8))
    }
}
