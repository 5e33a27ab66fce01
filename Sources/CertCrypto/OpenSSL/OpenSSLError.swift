internal import COpenSSL

/// What OpenSSL's thread-local error queue said about a failed call, drained into a value.
///
/// Role: attached to CertCrypto errors for diagnostics; never shown as the user-facing message.
/// Invariant: created in the same synchronous stretch as the failing call (the queue is
/// thread-local, so it must never be read across an `await`), and creating it empties the queue.
public struct OpenSSLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Each queued error as OpenSSL renders it (`error:0A00045C:SSL routines::...`), oldest first.
    public var entries: [String]
    /// The operation that failed, as the caller named it (`PEM_read_bio_X509`).
    public var operation: String

    /// Drains the calling thread's OpenSSL error queue.
    /// - Parameter operation: the name of the call that failed.
    /// - Returns: the drained errors; `entries` is empty when OpenSSL queued nothing.
    public static func drain(after operation: String) -> OpenSSLError {
        var entries: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            entries.append(buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        }
        return OpenSSLError(entries: entries, operation: operation)
    }

    /// Empties the calling thread's queue before a call whose errors will be read.
    public static func clearQueue() {
        ERR_clear_error()
    }

    public var description: String {
        self.entries.isEmpty ? "\(self.operation) failed" : "\(self.operation): \(self.entries.joined(separator: "; "))"
    }
}
