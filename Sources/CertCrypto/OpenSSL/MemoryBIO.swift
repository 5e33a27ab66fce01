internal import COpenSSL

/// A scoped OpenSSL memory BIO: read-only over Swift bytes, or writable and drained into bytes.
///
/// Role: the one place CertCrypto moves bytes in and out of OpenSSL's PEM/DER I/O functions.
/// Invariant: the BIO never outlives the `with...` call that created it.
/// Isolation: none; used synchronously on the calling thread.
enum MemoryBIO {
    /// Runs `body` with a read-only BIO over `bytes` (valid only during `body`).
    static func withReading<T, E: Error>(
        _ bytes: [UInt8],
        _ body: (OpaquePointer) throws(E) -> T
    ) throws(E) -> T {
        let result: Result<T, E> = bytes.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count))
            else {
                preconditionFailure("BIO_new_mem_buf failed: out of memory")
            }
            defer { BIO_free(bio) }
            do throws(E) {
                return .success(try body(bio))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Runs `body` with a writable memory BIO and returns everything written to it, or `nil`
    /// when `body` reports failure by returning `false`.
    static func collecting(_ body: (OpaquePointer) -> Bool) -> [UInt8]? {
        guard let bio = BIO_new(BIO_s_mem()) else { preconditionFailure("BIO_new failed: out of memory") }
        defer { BIO_free(bio) }
        guard body(bio) else { return nil }
        var data: UnsafeMutablePointer<CChar>? = nil
        let length = shim_BIO_get_mem_data(bio, &data)
        guard length > 0, let data else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            Array(UnsafeBufferPointer(start: $0, count: Int(length)))
        }
    }

    /// Like ``collecting(_:)`` but decodes the output as UTF-8 text.
    static func collectingString(_ body: (OpaquePointer) -> Bool) -> String? {
        guard let bytes = self.collecting(body) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
