internal import COpenSSL

/// A PKCS#10 certificate signing request, parsed or generated.
///
/// Role: CSR generation for users who want certd to hold the key, CSR upload, and matching an
/// issued certificate back to its request by public key. Equality by DER.
/// Invariant: parsed without trailing bytes; SM2 requests carry the GM/T 0009 distinguishing ID.
/// Isolation: a `Sendable` value over an immutable OpenSSL object.
public struct CertificateSigningRequest: Sendable, Hashable, CustomStringConvertible {
    /// The DER encoding.
    public let der: [UInt8]
    let handle: X509RequestHandle

    /// Parses a CSR from PEM (`CERTIFICATE REQUEST` / `NEW CERTIFICATE REQUEST`) or DER bytes.
    /// - Parameters:
    ///   - bytes: the uploaded field.
    ///   - field: the field for error messages.
    /// - Throws: ``CertificateError`` input errors (`emptyInput`, `tooLarge`, `badFormat`,
    ///   `missingEndMarker`, `corruptBase64`, `corruptData`, `privateKeyInCertificateField`).
    public init(bytes: [UInt8], field: InputField = .certificateSigningRequest) throws(CertificateError) {
        try OpenSSLProviders.require()
        try InputLimits.check(bytes, field: field)
        if PEMScanner.containsMarker(bytes) {
            let blocks = try PEMScanner.blocks(in: bytes, field: field)
            guard
                let block = blocks.first(where: {
                    $0.label == "CERTIFICATE REQUEST" || $0.label == "NEW CERTIFICATE REQUEST"
                })
            else {
                if blocks.contains(where: { $0.label.hasSuffix("PRIVATE KEY") }) {
                    throw .privateKeyInCertificateField(field: field)
                }
                throw .badFormat(field: field, diagnostics: nil)
            }
            guard let der = Base64.decode(block.body) else { throw .corruptBase64(field: field, label: block.label) }
            try self.init(der: der, field: field)
        } else if InputLimits.looksBinary(bytes) {
            try self.init(der: bytes, field: field)
        } else {
            throw .badFormat(field: field, diagnostics: nil)
        }
    }

    /// Parses a PEM CSR.
    /// - Throws: see ``init(bytes:field:)``.
    public init(pem: String) throws(CertificateError) {
        try self.init(bytes: Array(pem.utf8))
    }

    init(der: [UInt8], field: InputField) throws(CertificateError) {
        OpenSSLError.clearQueue()
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            guard let request = d2i_X509_REQ(nil, &cursor, buffer.count) else { return nil }
            guard let cursor, cursor == buffer.baseAddress! + buffer.count else {
                X509_REQ_free(request)
                return nil
            }
            return request
        }
        guard let parsed else {
            throw .corruptData(
                field: field, label: "CERTIFICATE REQUEST", diagnostics: OpenSSLError.drain(after: "d2i_X509_REQ"))
        }
        guard let key = X509_REQ_get0_pubkey(parsed) else {
            X509_REQ_free(parsed)
            OpenSSLError.clearQueue()
            throw .unsupportedAlgorithm(field: field, algorithm: "unknown public key type")
        }
        if EVP_PKEY_is_a(key, "SM2") == 1 {
            X509_REQ_set0_distinguishing_id(parsed, OpenSSLEncoding.makeSM2DistinguishingID())
        }
        self.der = der
        self.handle = X509RequestHandle(taking: parsed)
    }

    /// Generates a CSR signed by `key` (SM2: SM3 with the GM/T 0009 ID; EC P-384: SHA-384; else SHA-256).
    /// - Parameters:
    ///   - subject: the requested subject.
    ///   - subjectAlternativeNames: put into an extensionRequest attribute; may be empty.
    ///   - key: the key whose public half is requested and which signs the request.
    /// - Returns: the request.
    /// - Throws: ``CertificateError/invalidIssuanceParameter(name:detail:)`` for bad names;
    ///   ``CertificateError/cryptoFailure(operation:diagnostics:)`` when signing fails.
    public static func generate(
        subject: DistinguishedName,
        subjectAlternativeNames: [SubjectAlternativeName] = [],
        key: PrivateKey
    ) throws(CertificateError) -> CertificateSigningRequest {
        try OpenSSLProviders.require()
        guard let request = X509_REQ_new() else { preconditionFailure("X509_REQ_new: out of memory") }
        defer { X509_REQ_free(request) }
        X509_REQ_set_version(request, 0)
        let name = try X509Building.makeName(subject)
        defer { X509_NAME_free(name) }
        X509_REQ_set_subject_name(request, name)
        guard X509_REQ_set_pubkey(request, key.handle.pointer) == 1 else {
            throw .cryptoFailure(
                operation: "X509_REQ_set_pubkey", diagnostics: OpenSSLError.drain(after: "X509_REQ_set_pubkey"))
        }
        if !subjectAlternativeNames.isEmpty {
            let names = try X509Building.makeGeneralNames(subjectAlternativeNames)
            defer { shim_GENERAL_NAMES_free(names) }
            var extensions: OpaquePointer? = nil
            defer { if let extensions { shim_sk_X509_EXTENSION_pop_free(extensions) } }
            guard X509V3_add1_i2d(&extensions, NID_subject_alt_name, UnsafeMutableRawPointer(names), 0, 0) == 1,
                X509_REQ_add_extensions(request, extensions) == 1
            else {
                throw .cryptoFailure(
                    operation: "X509_REQ_add_extensions",
                    diagnostics: OpenSSLError.drain(after: "X509_REQ_add_extensions"))
            }
        }
        try Signer.sign(with: key, operation: "X509_REQ_sign_ctx") { X509_REQ_sign_ctx(request, $0) }
        guard let der = OpenSSLEncoding.der({ i2d_X509_REQ(request, $0) }) else {
            throw .cryptoFailure(operation: "i2d_X509_REQ", diagnostics: OpenSSLError.drain(after: "i2d_X509_REQ"))
        }
        return try CertificateSigningRequest(der: der, field: .certificateSigningRequest)
    }

    /// PEM text (`-----BEGIN CERTIFICATE REQUEST-----`).
    public var pem: String { PEMScanner.encode(self.der, label: "CERTIFICATE REQUEST") }

    /// Subject as an RFC 4514 string.
    public var subject: String { OpenSSLEncoding.rfc4514(X509_REQ_get_subject_name(self.handle.pointer)) }

    /// The subject's last common name.
    public var commonName: String? { OpenSSLEncoding.commonName(X509_REQ_get_subject_name(self.handle.pointer)) }

    /// The requested subject alternative names (from the extensionRequest attribute).
    public var subjectAlternativeNames: [SubjectAlternativeName] {
        guard let extensions = X509_REQ_get_extensions(self.handle.pointer) else {
            OpenSSLError.clearQueue()
            return []
        }
        defer { shim_sk_X509_EXTENSION_pop_free(extensions) }
        return Certificate.subjectAlternativeNames(X509V3_get_d2i(extensions, NID_subject_alt_name, nil, nil))
    }

    /// The requested public key.
    public var publicKey: PublicKey {
        guard let key = X509_REQ_get0_pubkey(self.handle.pointer), EVP_PKEY_up_ref(key) == 1 else {
            preconditionFailure("a parsed CSR always has a decodable public key")
        }
        return PublicKey(handle: PKeyHandle(taking: key))
    }

    /// The requested key's algorithm.
    public var keyAlgorithm: KeyAlgorithm { self.publicKey.algorithm }

    /// SHA-256 of the requested SubjectPublicKeyInfo DER, lowercase hex.
    public var publicKeyFingerprint: String { self.publicKey.fingerprint }

    /// Whether the request's self-signature verifies (proof the requester holds the key).
    public var isSignatureValid: Bool {
        guard let key = X509_REQ_get0_pubkey(self.handle.pointer) else { return false }
        let result = X509_REQ_verify(self.handle.pointer, key) == 1
        OpenSSLError.clearQueue()
        return result
    }

    /// Whether `certificate` certifies this request's public key.
    public func matches(_ certificate: Certificate) -> Bool {
        certificate.publicKey == self.publicKey
    }

    /// Checks that `certificate` was issued for this request's key.
    /// - Throws: ``CertificateError/requestMismatch(certificateKeyFingerprint:requestKeyFingerprint:)``.
    public func check(certificate: Certificate) throws(CertificateError) {
        guard self.matches(certificate) else {
            throw .requestMismatch(
                certificateKeyFingerprint: certificate.publicKey.fingerprint,
                requestKeyFingerprint: self.publicKeyFingerprint
            )
        }
    }

    public var description: String { "CertificateSigningRequest(\(self.subject))" }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.der == rhs.der }
    public func hash(into hasher: inout Hasher) { hasher.combine(self.der) }
}
