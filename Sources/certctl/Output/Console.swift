import Foundation

/// Where certctl's output goes: results on stdout, failures on stderr (or as JSON on stdout).
///
/// Role: every command prints through it, so text and JSON output stay consistent.
/// Invariant: with `--json` exactly one JSON document is written to stdout per invocation.
/// Isolation: a namespace; writes happen on the calling task.
enum Console {
    /// Prints text on stdout (one trailing newline added).
    static func print(_ text: String) {
        Swift.print(text)
    }

    /// Prints a value as one pretty-printed JSON document with sorted keys on stdout.
    /// - Throws: ``CertctlError/unexpectedResponse(_:)`` if the value cannot be encoded.
    static func printJSON<Value: Encodable>(_ value: Value) throws(CertctlError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(value)
            Swift.print(String(decoding: data, as: UTF8.self))
        } catch {
            throw .unexpectedResponse("cannot encode the result as JSON: \(error)")
        }
    }

    /// Prints a line on stderr.
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Reports a failure: `certctl: <message> (<reason>)` on stderr, and with JSON also the
    /// `{"error": ...}` document on stdout.
    static func report(_ error: CertctlError, asJSON: Bool) {
        if asJSON {
            Self.printErrorJSON(code: error.code, reason: error.reason, message: error.message)
        }
        Self.printError("certctl: \(error.message) (\(error.reason))")
    }

    /// Prints `{"error": {"code": ..., "reason": ..., "message": ...}}` on stdout.
    static func printErrorJSON(code: String, reason: String, message: String) {
        // Encoding three strings cannot fail; fall back to stderr only if it somehow does.
        try? Self.printJSON(ErrorDocument(error: .init(code: code, reason: reason, message: message)))
    }
}

/// The JSON shape of a failure: `{"error": {"code", "reason", "message"}}`.
private struct ErrorDocument: Encodable {
    struct Body: Encodable {
        var code: String
        var reason: String
        var message: String
    }

    var error: Body
}
