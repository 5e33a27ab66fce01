internal import COpenSSL

/// Reads and writes PKCS#12 / PFX files (`.pfx`, `.p12`) through OpenSSL.
///
/// Role: PFX -> ``KeyStoreContents`` (key as PKCS#8 DER, leaf, chain, friendly name) and back.
/// Reads every encoding OpenSSL 3 knows, including legacy RC2-40/3DES files, because it loads the
/// `default` and `legacy` providers first (``OpenSSLProviders/loadOnce()``); writes AES-256-CBC
/// with PBKDF2 and a SHA-256 MAC by default, 3DES with a SHA-1 MAC on request.
/// Invariants: input larger than ``maximumInputSize`` is refused before OpenSSL sees it; a
/// failing MAC is always ``KeyStoreError/wrongPassword``. Isolation: stateless and thread-safe;
/// each call uses OpenSSL's thread-local error queue synchronously.
public enum PKCS12Format {
    /// The largest file accepted (2 MiB); real PFX files are a few kilobytes.
    public static let maximumInputSize = 2 * 1024 * 1024
    /// PBKDF2 / PKCS#12 KDF iterations and MAC iterations for written files (OpenSSL's CLI default).
    static let iterations: Int32 = 2048

    /// How a written PFX protects its contents.
    public enum Encryption: Sendable, Equatable {
        /// PBES2 (PBKDF2 with HMAC-SHA-256, AES-256-CBC) for key and certificates, SHA-256 MAC.
        /// What OpenSSL 3 writes by default; Windows 10 1709+, macOS and Java 11+ read it.
        case modern
        /// `pbeWithSHAAnd3-KeyTripleDES-CBC` for key and certificates, SHA-1 MAC: for Windows
        /// Server 2016 and older, old Java and embedded devices that cannot read AES PFX files.
        case legacy
    }

    /// Reads a PFX file.
    /// - Parameters:
    ///   - bytes: the file's bytes (binary DER, as exported).
    ///   - password: the export password; may be empty (both the empty-string and the absent
    ///     password conventions are tried, as `openssl pkcs12` does).
    /// - Returns: the key as PKCS#8 DER, the certificate that belongs to it, the other
    ///   certificates and the friendly name.
    /// - Throws: ``KeyStoreError/emptyInput``, ``KeyStoreError/tooLarge(size:limit:)``,
    ///   ``KeyStoreError/notPKCS12(_:)``, ``KeyStoreError/wrongPassword``,
    ///   ``KeyStoreError/unsupportedAlgorithm(oid:)`` or ``KeyStoreError/corrupt(detail:)``.
    public static func read(_ bytes: [UInt8], password: String) throws(KeyStoreError) -> KeyStoreContents {
        try KeyStoreOpenSSL.loadProviders()
        guard !bytes.isEmpty else { throw .emptyInput }
        guard bytes.count <= Self.maximumInputSize else {
            throw .tooLarge(size: bytes.count, limit: Self.maximumInputSize)
        }
        OpenSSLError.clearQueue()
        let decoded = bytes.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_PKCS12(nil, &cursor, buffer.count)
        }
        guard let p12 = decoded else { throw .notPKCS12(OpenSSLError.drain(after: "d2i_PKCS12")) }
        defer { PKCS12_free(p12) }

        // OpenSSL's CLI convention: an "empty" password may have been applied as "" or as no
        // password at all (NULL), and files differ; try both, as `openssl pkcs12` does.
        var effectivePassword: String? = password
        let hasMAC = PKCS12_mac_present(p12) == 1
        if hasMAC, PKCS12_verify_mac(p12, password, -1) != 1 {
            if password.isEmpty, PKCS12_verify_mac(p12, nil, 0) == 1 {
                effectivePassword = nil
            } else {
                let error = OpenSSLError.drain(after: "PKCS12_verify_mac")
                // A MAC that cannot even be computed (unknown digest) is not a password problem.
                if let algorithm = Self.unsupportedAlgorithm(in: error) { throw .unsupportedAlgorithm(oid: algorithm) }
                throw .wrongPassword
            }
        }
        OpenSSLError.clearQueue()
        if !hasMAC { return try Self.readWithoutMAC(p12, password: password) }

        var key: OpaquePointer? = nil
        var certificate: OpaquePointer? = nil
        var others: OpaquePointer? = nil
        let parsed = PKCS12_parse(p12, effectivePassword, &key, &certificate, &others)
        defer {
            if let key { EVP_PKEY_free(key) }
            if let certificate { X509_free(certificate) }
            if let others { shim_sk_X509_pop_free(others) }
        }
        guard parsed == 1 else {
            let error = OpenSSLError.drain(after: "PKCS12_parse")
            if let algorithm = Self.unsupportedAlgorithm(in: error) { throw .unsupportedAlgorithm(oid: algorithm) }
            throw .corrupt(detail: "the PFX contents do not decrypt although its MAC verifies", openSSL: error)
        }

        var contents = KeyStoreContents(privateKeyPKCS8DER: nil, certificateDER: nil)
        if let key { contents.privateKeyPKCS8DER = try KeyStoreOpenSSL.pkcs8DER(privateKey: key) }
        if let certificate {
            contents.certificateDER = try KeyStoreOpenSSL.der(certificate: certificate)
            contents.friendlyName = Self.alias(of: certificate)
        }
        if let others {
            for index in 0..<max(0, OPENSSL_sk_num(others)) {
                guard let raw = OPENSSL_sk_value(others, index) else { continue }
                contents.appendToChain(try KeyStoreOpenSSL.der(certificate: OpaquePointer(raw)))
            }
        }
        return contents
    }

    /// Writes a PFX file.
    /// - Parameters:
    ///   - contents: the key (PKCS#8 DER), its certificate, the chain (issuer first) and the
    ///     friendly name; at least a key or a certificate.
    ///   - password: the export password (may be empty, which protects nothing).
    ///   - encryption: ``Encryption/modern`` unless the reader is known to be old.
    /// - Returns: the DER bytes of the PFX.
    /// - Throws: ``KeyStoreError/invalidInput(detail:)`` when a part does not decode, the key does
    ///   not belong to the certificate, or there is nothing to write;
    ///   ``KeyStoreError/openSSLFailure(_:)`` when OpenSSL cannot build the file.
    public static func write(
        _ contents: KeyStoreContents,
        password: String,
        encryption: Encryption = .modern
    ) throws(KeyStoreError) -> [UInt8] {
        try KeyStoreOpenSSL.loadProviders()
        guard contents.privateKeyPKCS8DER != nil || contents.certificateDER != nil else {
            throw .invalidInput(detail: "neither a private key nor a certificate was given")
        }
        OpenSSLError.clearQueue()
        var key: OpaquePointer? = nil
        var certificate: OpaquePointer? = nil
        var chain: OpaquePointer? = nil
        defer {
            if let key { EVP_PKEY_free(key) }
            if let certificate { X509_free(certificate) }
            if let chain { shim_sk_X509_pop_free(chain) }
        }
        if let der = contents.privateKeyPKCS8DER {
            key = KeyStoreOpenSSL.privateKey(der: der)
            guard key != nil else {
                OpenSSLError.clearQueue()
                throw .invalidInput(detail: "the private key is not valid PKCS#8 DER")
            }
        }
        if let der = contents.certificateDER {
            certificate = KeyStoreOpenSSL.certificate(der: der)
            guard certificate != nil else {
                OpenSSLError.clearQueue()
                throw .invalidInput(detail: "the certificate is not valid DER")
            }
        }
        if let key, let certificate, !KeyStoreOpenSSL.key(key, matches: certificate) {
            throw .invalidInput(detail: "the private key does not belong to the certificate")
        }
        if !contents.chainDER.isEmpty {
            guard let stack = OPENSSL_sk_new_null() else {
                throw .openSSLFailure(OpenSSLError.drain(after: "OPENSSL_sk_new_null"))
            }
            chain = stack
            for (index, der) in contents.chainDER.enumerated() {
                guard let member = KeyStoreOpenSSL.certificate(der: der) else {
                    OpenSSLError.clearQueue()
                    throw .invalidInput(detail: "chain certificate \(index + 1) is not valid DER")
                }
                guard OPENSSL_sk_push(stack, UnsafeRawPointer(member)) > 0 else {
                    X509_free(member)
                    throw .openSSLFailure(OpenSSLError.drain(after: "OPENSSL_sk_push"))
                }
            }
        }

        let pbe: Int32 = encryption == .modern ? NID_aes_256_cbc : NID_pbe_WithSHA1And3_Key_TripleDES_CBC
        // mac_iter -1: no MAC yet. PKCS12_create would add a SHA-1 MAC; the MAC digest is chosen below.
        guard
            let p12 = PKCS12_create_ex(
                password, contents.friendlyName, key, certificate, chain, pbe, pbe, Self.iterations, -1, 0, nil, nil
            )
        else { throw .openSSLFailure(OpenSSLError.drain(after: "PKCS12_create_ex")) }
        defer { PKCS12_free(p12) }
        let digest = encryption == .modern ? EVP_sha256() : EVP_sha1()
        guard PKCS12_set_mac(p12, password, -1, nil, 0, Self.iterations, digest) == 1 else {
            throw .openSSLFailure(OpenSSLError.drain(after: "PKCS12_set_mac"))
        }
        let length = i2d_PKCS12(p12, nil)
        guard length > 0 else { throw .openSSLFailure(OpenSSLError.drain(after: "i2d_PKCS12")) }
        var out = [UInt8](repeating: 0, count: Int(length))
        let written = out.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return i2d_PKCS12(p12, &cursor)
        }
        guard written == length else { throw .openSSLFailure(OpenSSLError.drain(after: "i2d_PKCS12")) }
        return out
    }

    /// The friendly name PKCS12_parse copied onto the certificate, if any.
    private static func alias(of certificate: OpaquePointer) -> String? {
        var length: Int32 = 0
        guard let bytes = X509_alias_get0(certificate, &length), length > 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(length)), as: UTF8.self)
    }

    /// The algorithm OpenSSL could not fetch ("RC2-40-CBC" from `unsupported ... Algorithm
    /// (RC2-40-CBC : 0)`), when that is why the call failed.
    private static func unsupportedAlgorithm(in error: OpenSSLError) -> String? {
        for entry in error.entries where entry.contains("unsupported") {
            guard let start = entry.firstRange(of: "Algorithm (") else { return "unknown algorithm" }
            let rest = entry[start.upperBound...]
            return String(rest.prefix { $0 != " " && $0 != ")" })
        }
        return nil
    }
}
