internal import COpenSSL

/// The OpenSSL conversions format conversion needs: DER in and out for certificates and PKCS#8
/// keys, and the key-belongs-to-certificate check.
///
/// Role: keeps `d2i`/`i2d` pointer juggling in one place. Every function returning an
/// `OpaquePointer` hands over ownership: the caller frees it (`X509_free`, `EVP_PKEY_free`)
/// with `defer` right after the call. Isolation: stateless; the error queue is read on the
/// calling thread in the same synchronous stretch as the failing call.
enum KeyStoreOpenSSL {
    /// Decodes a DER certificate (`X509*`, owned by the caller); `nil` when it is not one.
    static func certificate(der: [UInt8]) -> OpaquePointer? {
        der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_X509(nil, &cursor, buffer.count)
        }
    }

    /// Decodes a PKCS#8 (or traditional) DER private key (`EVP_PKEY*`, owned by the caller).
    static func privateKey(der: [UInt8]) -> OpaquePointer? {
        der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_AutoPrivateKey(nil, &cursor, buffer.count)
        }
    }

    /// A certificate's DER encoding.
    static func der(certificate: OpaquePointer) throws(KeyStoreError) -> [UInt8] {
        let length = i2d_X509(certificate, nil)
        guard length > 0 else { throw .openSSLFailure(OpenSSLError.drain(after: "i2d_X509")) }
        var out = [UInt8](repeating: 0, count: Int(length))
        let written = out.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return i2d_X509(certificate, &cursor)
        }
        guard written == length else { throw .openSSLFailure(OpenSSLError.drain(after: "i2d_X509")) }
        return out
    }

    /// A private key as unencrypted PKCS#8 `PrivateKeyInfo` DER (RSA, EC, SM2, Ed25519, ...).
    static func pkcs8DER(privateKey: OpaquePointer) throws(KeyStoreError) -> [UInt8] {
        guard let info = EVP_PKEY2PKCS8(privateKey) else {
            throw .openSSLFailure(OpenSSLError.drain(after: "EVP_PKEY2PKCS8"))
        }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        let length = i2d_PKCS8_PRIV_KEY_INFO(info, nil)
        guard length > 0 else { throw .openSSLFailure(OpenSSLError.drain(after: "i2d_PKCS8_PRIV_KEY_INFO")) }
        var out = [UInt8](repeating: 0, count: Int(length))
        let written = out.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return i2d_PKCS8_PRIV_KEY_INFO(info, &cursor)
        }
        guard written == length else {
            throw .openSSLFailure(OpenSSLError.drain(after: "i2d_PKCS8_PRIV_KEY_INFO"))
        }
        return out
    }

    /// Whether the private key is the one whose public half the certificate carries.
    /// `EVP_PKEY_eq` returns 1, 0, -1 or -2: only 1 is a match (shared notes §3).
    static func key(_ privateKey: OpaquePointer, matches certificate: OpaquePointer) -> Bool {
        guard let publicKey = X509_get0_pubkey(certificate) else { return false }
        return EVP_PKEY_eq(publicKey, privateKey) == 1
    }

    /// Whether PKCS#8 DER and certificate DER belong together; `false` when either does not decode.
    static func key(pkcs8DER: [UInt8], matchesCertificateDER certificateDER: [UInt8]) -> Bool {
        defer { OpenSSLError.clearQueue() }
        guard let key = Self.privateKey(der: pkcs8DER) else { return false }
        defer { EVP_PKEY_free(key) }
        guard let certificate = Self.certificate(der: certificateDER) else { return false }
        defer { X509_free(certificate) }
        return Self.key(key, matches: certificate)
    }

    /// Re-encodes a private key as PKCS#8 DER after checking it belongs to the certificate, so a
    /// traditional (PKCS#1/SEC1) key given by mistake is stored in the form Java expects.
    /// - Returns: the PKCS#8 DER, or `nil` when the key or certificate does not decode or they do not match.
    static func normalizedPKCS8(_ keyDER: [UInt8], matchingCertificateDER certificateDER: [UInt8]) -> [UInt8]? {
        defer { OpenSSLError.clearQueue() }
        guard let key = Self.privateKey(der: keyDER) else { return nil }
        defer { EVP_PKEY_free(key) }
        guard let certificate = Self.certificate(der: certificateDER) else { return nil }
        defer { X509_free(certificate) }
        guard Self.key(key, matches: certificate) else { return nil }
        return try? Self.pkcs8DER(privateKey: key)
    }

    /// Loads the default and legacy providers (shared notes §4), mapping failure to a key-store error.
    static func loadProviders() throws(KeyStoreError) {
        do {
            try OpenSSLProviders.loadOnce()
        } catch {
            throw .openSSLFailure(error)
        }
    }
}
