internal import COpenSSL

/// One X.509 certificate, held as its DER bytes plus the parsed OpenSSL object behind them.
///
/// Role: what every CertCrypto API takes and returns for certificates (bundles, chains,
/// issuance, matching). Equality and hashing are by DER.
/// Invariant: `der` is exactly one certificate and parsed without trailing bytes; SM2
/// certificates carry the GM/T 0009 distinguishing ID so their signatures verify.
/// Isolation: a `Sendable` value; the shared parsed object is never mutated after parsing.
public struct Certificate: Sendable, Hashable, CustomStringConvertible {
    /// The certificate's DER encoding.
    public let der: [UInt8]
    let handle: X509Handle

    /// Parses one DER certificate.
    /// - Parameter der: the DER bytes of exactly one certificate.
    /// - Throws: ``CertificateError/corruptData(field:label:diagnostics:)`` when it is not one.
    public init(der: [UInt8]) throws(CertificateError) {
        try self.init(der: der, field: .certificate)
    }

    /// Parses the first certificate of a PEM text (see ``CertificateBundle`` for bundles and checks).
    /// - Throws: the same errors as ``CertificateBundle/parseCertificates(_:field:allowDER:)``.
    public init(pem: String) throws(CertificateError) {
        let all = try CertificateBundle.parseCertificates(Array(pem.utf8), field: .certificate, allowDER: false)
        self = all[0]
    }

    init(der: [UInt8], field: InputField) throws(CertificateError) {
        try OpenSSLProviders.require()
        OpenSSLError.clearQueue()
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            guard let x509 = d2i_X509(nil, &cursor, buffer.count) else { return nil }
            // Trailing bytes mean two things were glued together or the input is damaged.
            guard let cursor, cursor == buffer.baseAddress! + buffer.count else {
                X509_free(x509)
                return nil
            }
            return x509
        }
        guard let parsed else {
            throw .corruptData(field: field, label: "CERTIFICATE", diagnostics: OpenSSLError.drain(after: "d2i_X509"))
        }
        guard let key = X509_get0_pubkey(parsed) else {
            // The certificate decodes but its key type is unknown to every loaded provider.
            let algorithm = X509_get_X509_PUBKEY(parsed).flatMap { pub -> String? in
                var object: OpaquePointer? = nil
                guard X509_PUBKEY_get0_param(&object, nil, nil, nil, pub) == 1 else { return nil }
                return OpenSSLEncoding.objectName(object)
            }
            X509_free(parsed)
            OpenSSLError.clearQueue()
            throw .unsupportedAlgorithm(field: field, algorithm: algorithm ?? "unknown")
        }
        // The ID is needed to verify this certificate's own signature, so it depends on the issuer's
        // algorithm (an SM2 CA may sign an EC or RSA leaf), as well as on an SM2 subject key.
        if EVP_PKEY_is_a(key, "SM2") == 1 || X509_get_signature_nid(parsed) == NID_SM2_with_SM3 {
            X509_set0_distinguishing_id(parsed, OpenSSLEncoding.makeSM2DistinguishingID())
        }
        self.der = der
        self.handle = X509Handle(taking: parsed)
    }

    init(taking x509: OpaquePointer) throws(CertificateError) {
        guard let der = OpenSSLEncoding.der({ i2d_X509(x509, $0) }) else {
            X509_free(x509)
            throw .cryptoFailure(operation: "i2d_X509", diagnostics: OpenSSLError.drain(after: "i2d_X509"))
        }
        X509_free(x509)
        try self.init(der: der, field: .certificate)
    }

    /// PEM text (`-----BEGIN CERTIFICATE-----`, 64-column base64, trailing newline).
    public var pem: String { PEMScanner.encode(self.der, label: "CERTIFICATE") }

    /// Subject as an RFC 4514 string.
    public var subject: String { OpenSSLEncoding.rfc4514(X509_get_subject_name(self.handle.pointer)) }

    /// Issuer as an RFC 4514 string.
    public var issuer: String { OpenSSLEncoding.rfc4514(X509_get_issuer_name(self.handle.pointer)) }

    /// The certificate's public key.
    public var publicKey: PublicKey {
        guard let key = X509_get0_pubkey(self.handle.pointer), EVP_PKEY_up_ref(key) == 1 else {
            preconditionFailure("a parsed certificate always has a decodable public key")
        }
        return PublicKey(handle: PKeyHandle(taking: key))
    }

    /// SHA-256 of the DER, lowercase hex.
    public var sha256Fingerprint: String { Digest.sha256Hex(self.der) }

    public var description: String { "Certificate(\(self.subject), sha256:\(self.sha256Fingerprint.prefix(16)))" }

    public static func == (lhs: Certificate, rhs: Certificate) -> Bool { lhs.der == rhs.der }
    public func hash(into hasher: inout Hasher) { hasher.combine(self.der) }
}
