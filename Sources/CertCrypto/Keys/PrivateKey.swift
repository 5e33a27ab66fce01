internal import COpenSSL

/// A private key (RSA, EC, SM2, Ed25519, ...) parsed from user input or generated here.
///
/// Role: matched against certificates, signs CSRs and certificates, exported as PKCS#8 for
/// storage (sealed) and download.
/// Invariant: always a complete private key; SM2 keys are of OpenSSL type SM2 (never EC on the
/// SM2 curve, which cannot sign with SM3; shared notes §3).
/// Isolation: a `Sendable` value over an immutable OpenSSL key.
public struct PrivateKey: Sendable, CustomStringConvertible {
    let handle: PKeyHandle

    init(handle: PKeyHandle) {
        self.handle = handle
    }

    /// Parses a private key from PEM text.
    /// - Parameters:
    ///   - pem: PKCS#8, encrypted PKCS#8, PKCS#1 RSA, SEC1 EC (also SM2) or legacy encrypted PEM
    ///     (`Proc-Type: 4,ENCRYPTED`). Text around the block is ignored.
    ///   - passphrase: needed for encrypted keys; ignored for plain ones.
    /// - Throws: ``CertificateError`` (`emptyInput`, `tooLarge`, `badFormat`, `certificateInKeyField`,
    ///   `missingEndMarker`, `corruptBase64`, `corruptData`, `encryptedKeyNeedsPassphrase`,
    ///   `wrongPassphrase`, `unsupportedAlgorithm`).
    public init(pem: String, passphrase: String? = nil) throws(CertificateError) {
        try self.init(bytes: Array(pem.utf8), passphrase: passphrase.map { Array($0.utf8) }, field: .privateKey)
    }

    /// Parses a private key from PEM text or DER bytes (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1).
    /// - Parameters:
    ///   - bytes: the uploaded field.
    ///   - passphrase: the passphrase bytes for encrypted keys.
    ///   - field: which field the bytes came from, for error messages.
    /// - Throws: see ``init(pem:passphrase:)``; also `looksLikeDER` and `looksLikePFX` for binary input.
    public init(bytes: [UInt8], passphrase: [UInt8]?, field: InputField = .privateKey) throws(CertificateError) {
        try OpenSSLProviders.require()
        try InputLimits.check(bytes, field: field)
        let passphrase = passphrase.flatMap { $0.isEmpty ? nil : $0 }
        let key: PrivateKey
        if PEMScanner.containsMarker(bytes) {
            key = try Self.parsePEM(bytes, passphrase: passphrase, field: field)
        } else if InputLimits.looksBinary(bytes) {
            key = try Self.parseDER(bytes, passphrase: passphrase, field: field)
        } else {
            throw .badFormat(field: field, diagnostics: nil)
        }
        // Keys OpenSSL can read but certd cannot use for certificates (DSA, X25519, ...).
        if case .other(let name) = key.algorithm {
            throw .unsupportedAlgorithm(field: field, algorithm: name)
        }
        self = key
    }

    private static let keyLabels: Set<String> = [
        "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "SM2 PRIVATE KEY",
        "DSA PRIVATE KEY",
    ]

    private static func parsePEM(_ bytes: [UInt8], passphrase: [UInt8]?, field: InputField) throws(CertificateError)
        -> PrivateKey
    {
        let blocks = try PEMScanner.blocks(in: bytes, field: field)
        guard let block = blocks.first(where: { Self.keyLabels.contains($0.label) }) else {
            if blocks.contains(where: { $0.label.hasSuffix("CERTIFICATE") && !$0.label.contains("REQUEST") }) {
                throw .certificateInKeyField(field: field)
            }
            throw .badFormat(field: field, diagnostics: nil)
        }
        guard let der = Base64.decode(block.body) else {
            throw .corruptBase64(field: field, label: block.label)
        }
        let isEncrypted = block.label == "ENCRYPTED PRIVATE KEY" || block.isLegacyEncrypted
        if isEncrypted && passphrase == nil {
            throw .encryptedKeyNeedsPassphrase(field: field)
        }
        // Plain PKCS#8 (the common upload) first, through the reused decoder context.
        if block.label == "PRIVATE KEY", let key = PrivateKeyInfoDecoder.shared.decode(der) {
            return PrivateKey(handle: PKeyHandle(taking: key))
        }
        OpenSSLError.clearQueue()
        let key: OpaquePointer? = MemoryBIO.withReading(block.canonicalText(der: der)) { bio in
            Self.withPassphrase(passphrase) { callback, context in
                PEM_read_bio_PrivateKey(bio, nil, callback, context)
            }
        }
        if let key { return PrivateKey(handle: PKeyHandle(taking: key)) }
        let diagnostics = OpenSSLError.drain(after: "PEM_read_bio_PrivateKey")
        if isEncrypted {
            // Tell a damaged encrypted container from a wrong passphrase.
            if block.label == "ENCRYPTED PRIVATE KEY" && !Self.isEncryptedPKCS8(der) {
                throw .corruptData(field: field, label: block.label, diagnostics: diagnostics)
            }
            throw .wrongPassphrase(field: field, diagnostics: diagnostics)
        }
        throw Self.classifyFailure(der: der, field: field, label: block.label, diagnostics: diagnostics)
    }

    private static func parseDER(_ der: [UInt8], passphrase: [UInt8]?, field: InputField) throws(CertificateError)
        -> PrivateKey
    {
        if let key = PrivateKeyInfoDecoder.shared.decode(der) {
            return PrivateKey(handle: PKeyHandle(taking: key))
        }
        OpenSSLError.clearQueue()
        let plain: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_AutoPrivateKey(nil, &cursor, buffer.count)
        }
        if let plain { return PrivateKey(handle: PKeyHandle(taking: plain)) }
        OpenSSLError.clearQueue()
        if Self.isEncryptedPKCS8(der) {
            guard passphrase != nil else { throw .encryptedKeyNeedsPassphrase(field: field) }
            let key: OpaquePointer? = MemoryBIO.withReading(der) { bio in
                Self.withPassphrase(passphrase) { callback, context in
                    d2i_PKCS8PrivateKey_bio(bio, nil, callback, context)
                }
            }
            if let key { return PrivateKey(handle: PKeyHandle(taking: key)) }
            throw .wrongPassphrase(field: field, diagnostics: OpenSSLError.drain(after: "d2i_PKCS8PrivateKey_bio"))
        }
        throw InputLimits.classifyBinary(der, field: field)
    }

    private static func isEncryptedPKCS8(_ der: [UInt8]) -> Bool {
        der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            guard let sig = d2i_X509_SIG(nil, &cursor, buffer.count) else {
                OpenSSLError.clearQueue()
                return false
            }
            X509_SIG_free(sig)
            return true
        }
    }

    /// A plain key that OpenSSL would not load: a well-formed PKCS#8 container means the algorithm
    /// is unknown to the loaded providers; anything else is damaged. (OpenSSL 3.0's decoders say
    /// "unsupported" for both, so the queue text cannot tell them apart.)
    private static func classifyFailure(der: [UInt8], field: InputField, label: String, diagnostics: OpenSSLError)
        -> CertificateError
    {
        let algorithm: String? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            guard let info = d2i_PKCS8_PRIV_KEY_INFO(nil, &cursor, buffer.count) else { return nil }
            defer { PKCS8_PRIV_KEY_INFO_free(info) }
            guard cursor == buffer.baseAddress! + buffer.count else { return nil }
            var object: OpaquePointer? = nil
            guard PKCS8_pkey_get0(&object, nil, nil, nil, info) == 1 else { return nil }
            return OpenSSLEncoding.objectName(object)
        }
        OpenSSLError.clearQueue()
        if let algorithm { return .unsupportedAlgorithm(field: field, algorithm: algorithm) }
        return .corruptData(field: field, label: label, diagnostics: diagnostics)
    }

    typealias PasswordCallback =
        @convention(c) (UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?) -> Int32

    /// Calls `body` with an OpenSSL password callback that supplies `passphrase` (or refuses
    /// when it is nil, so OpenSSL never prompts on a terminal).
    static func withPassphrase<T>(
        _ passphrase: [UInt8]?,
        _ body: (PasswordCallback?, UnsafeMutableRawPointer?) -> T
    ) -> T {
        let callback: PasswordCallback = { buffer, size, _, context in
            guard let buffer, let context else { return -1 }
            let secret = context.assumingMemoryBound(to: UnsafeBufferPointer<UInt8>.self).pointee
            let count = min(Int(size), secret.count)
            buffer.withMemoryRebound(to: UInt8.self, capacity: count) { target in
                for i in 0..<count { target[i] = secret[i] }
            }
            return Int32(count)
        }
        guard let passphrase else { return body(callback, nil) }
        return passphrase.withUnsafeBufferPointer { buffer in
            var box = buffer
            return withUnsafeMutablePointer(to: &box) { body(callback, UnsafeMutableRawPointer($0)) }
        }
    }

    /// The key's algorithm with size or curve.
    public var algorithm: KeyAlgorithm { OpenSSLEncoding.algorithm(of: self.handle.pointer) }

    /// The public half.
    public var publicKey: PublicKey {
        // Re-decode the SubjectPublicKeyInfo so the public key object holds no private material.
        let der = OpenSSLEncoding.der { i2d_PUBKEY(self.handle.pointer, $0) } ?? []
        let key: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_PUBKEY(nil, &cursor, buffer.count)
        }
        guard let key else { preconditionFailure("a private key's own public key always re-decodes") }
        return PublicKey(handle: PKeyHandle(taking: key))
    }

    public var description: String { "PrivateKey(\(self.algorithm))" }
}
