internal import COpenSSL

/// Reads OpenSSL's thread-local error queue into text.
///
/// Role: CertTLS's own drain (CertTLS may not depend on CertCrypto). Call only in the same
/// synchronous stretch as the failing OpenSSL call; the queue is per thread.
enum OpenSSLErrorQueue {
    /// What the queue held, oldest first.
    struct Drained {
        var messages: [String] = []
        /// Whether any entry is an SSL alert received from the peer (reason >= SSL_AD_REASON_OFFSET).
        var containsPeerAlert = false

        var text: String { self.messages.isEmpty ? "no OpenSSL error queued" : self.messages.joined(separator: "; ") }
    }

    /// Empties the queue and returns its entries.
    static func drain() -> Drained {
        var drained = Drained()
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            drained.messages.append(buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
            if shim_ERR_GET_LIB(code) == ERR_LIB_SSL && shim_ERR_GET_REASON(code) >= SSL_AD_REASON_OFFSET {
                drained.containsPeerAlert = true
            }
        }
        return drained
    }

    /// Empties the queue before a call whose errors will be read.
    static func clear() {
        ERR_clear_error()
    }
}
