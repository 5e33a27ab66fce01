internal import COpenSSL
import Synchronization

/// Decodes unencrypted PKCS#8 `PrivateKeyInfo` DER through one long-lived OpenSSL decoder context.
///
/// Why: with OpenSSL 3.0 every `PEM_read_bio_PrivateKey`/`d2i_AutoPrivateKey` builds a fresh
/// decoder context, looking up every decoder by name under the provider store's lock: 500-850 µs
/// per key on this machine, the largest single cost of an upload. A context set up once for
/// DER `PrivateKeyInfo` (any key type) decodes the next key in 50-125 µs (C measurement, RSA-2048,
/// P-256, SM2 and Ed25519 keys; the key types match the slow path's, SM2 stays SM2).
/// Role: the fast path of ``PrivateKey`` parsing for plain PKCS#8; anything it does not decode
/// (other formats, encrypted keys, damaged input) goes through the general path, which also
/// produces the precise errors.
/// Invariant: `slot` is the decoder's output location for the life of the process; the context is
/// used, and replaced after a failed decode, only while holding `lock`.
/// Isolation: `@unchecked Sendable`: the C context is not thread-safe, so every use is inside the
/// mutex (one decode at a time; a decode is ~0.1 ms, far below upload rates).
final class PrivateKeyInfoDecoder: @unchecked Sendable {
    /// The process-wide decoder.
    static let shared = PrivateKeyInfoDecoder()

    private let lock = Mutex(())
    private let slot: UnsafeMutablePointer<OpaquePointer?>
    private var context: OpaquePointer?

    private init() {
        self.slot = .allocate(capacity: 1)
        self.slot.initialize(to: nil)
    }

    /// The key in `der` when it is exactly one plain PKCS#8 `PrivateKeyInfo`, else nil.
    /// - Parameter der: the candidate DER.
    /// - Returns: an owned `EVP_PKEY*` (the caller frees it), or nil; the error queue is left empty.
    func decode(_ der: [UInt8]) -> OpaquePointer? {
        self.lock.withLock { _ in
            if self.context == nil {
                self.context = OSSL_DECODER_CTX_new_for_pkey(
                    self.slot, "DER", "PrivateKeyInfo", nil,
                    Int32(OSSL_KEYMGMT_SELECT_PRIVATE_KEY | OSSL_KEYMGMT_SELECT_PUBLIC_KEY), nil, nil)
            }
            guard let context = self.context else {
                OpenSSLError.clearQueue()
                return nil
            }
            self.slot.pointee = nil
            var remaining = der.count
            let decoded = der.withUnsafeBufferPointer { buffer -> Int32 in
                var cursor = buffer.baseAddress
                return OSSL_DECODER_from_data(context, &cursor, &remaining)
            }
            let key = self.slot.pointee
            self.slot.pointee = nil
            guard decoded == 1, remaining == 0, let key else {
                if let key { EVP_PKEY_free(key) }
                // Start from a fresh context after a failure rather than trust its state.
                OSSL_DECODER_CTX_free(context)
                self.context = nil
                OpenSSLError.clearQueue()
                return nil
            }
            return key
        }
    }
}
