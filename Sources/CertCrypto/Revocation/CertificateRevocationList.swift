internal import COpenSSL
public import Foundation

/// A signed X.509 v2 certificate revocation list (RFC 5280 §5), built by a CA or parsed back.
///
/// Role: what a private CA publishes: the revoked serials with dates and reason codes, a CRL number,
/// thisUpdate/nextUpdate and the issuer's authority key identifier, signed like the CA's
/// certificates (SM2 CAs with SM3 and the GM/T 0009 ID, see ``Signer``).
/// Invariant: `der` is exactly one CRL; ``revoked`` is sorted by serial as OpenSSL sorts it.
/// Isolation: a `Sendable` value of bytes; every OpenSSL object lives only inside one call.
public struct CertificateRevocationList: Sendable, Hashable {
    /// The CRL's DER encoding.
    public let der: [UInt8]

    /// Wraps DER bytes after checking they parse as one CRL.
    /// - Throws: ``CertificateError/corruptData(field:label:diagnostics:)`` when they do not.
    public init(der: [UInt8]) throws(CertificateError) {
        try OpenSSLProviders.require()
        guard let crl = Self.parse(der) else {
            throw .corruptData(
                field: .certificate, label: "X509 CRL", diagnostics: OpenSSLError.drain(after: "d2i_X509_CRL"))
        }
        X509_CRL_free(crl)
        self.der = der
    }

    private init(unchecked der: [UInt8]) {
        self.der = der
    }

    /// PEM text (`-----BEGIN X509 CRL-----`), as `openssl crl` reads it.
    public var pem: String { PEMScanner.encode(self.der, label: "X509 CRL") }

    /// Builds and signs a CRL for `issuer`.
    /// - Parameters:
    ///   - issuer: the CA whose certificates are listed; its key signs the CRL.
    ///   - revoked: the revoked certificates (any order; duplicates of a serial are refused).
    ///   - thisUpdate: the CRL's issue time (the injected clock's now).
    ///   - nextUpdate: when the next CRL will be issued; must be later than `thisUpdate`.
    ///   - number: the monotonically increasing CRL number (cRLNumber extension).
    /// - Returns: the signed CRL.
    /// - Throws: ``CertificateError/invalidIssuanceParameter(name:detail:)`` for a bad serial, a
    ///   duplicate serial or `nextUpdate <= thisUpdate`; ``CertificateError/cryptoFailure(operation:diagnostics:)``.
    public static func make(
        issuer: CertificateAuthority,
        revoked: [RevokedCertificate],
        thisUpdate: Date,
        nextUpdate: Date,
        number: UInt64
    ) throws(CertificateError) -> CertificateRevocationList {
        try OpenSSLProviders.require()
        guard nextUpdate > thisUpdate else {
            throw .invalidIssuanceParameter(name: "nextUpdate", detail: "must be later than thisUpdate")
        }
        var seen = Set<String>()
        for entry in revoked where !seen.insert(entry.serialNumberHex.lowercased()).inserted {
            throw .invalidIssuanceParameter(
                name: "serialNumber", detail: "serial \(entry.serialNumberHex) is listed twice")
        }
        OpenSSLError.clearQueue()
        guard let crl = X509_CRL_new() else { preconditionFailure("X509_CRL_new: out of memory") }
        defer { X509_CRL_free(crl) }
        let ca = issuer.certificate.handle.pointer
        X509_CRL_set_version(crl, 1)  // v2: needed for extensions
        X509_CRL_set_issuer_name(crl, X509_get_subject_name(ca))
        try Self.withTime(thisUpdate) { time throws(CertificateError) in
            guard X509_CRL_set1_lastUpdate(crl, time) == 1 else {
                throw .cryptoFailure(operation: "X509_CRL_set1_lastUpdate", diagnostics: nil)
            }
        }
        try Self.withTime(nextUpdate) { time throws(CertificateError) in
            guard X509_CRL_set1_nextUpdate(crl, time) == 1 else {
                throw .cryptoFailure(operation: "X509_CRL_set1_nextUpdate", diagnostics: nil)
            }
        }
        for entry in revoked {
            try Self.addRevoked(entry, to: crl)
        }
        try Self.addExtensions(crl, issuer: ca, number: number)
        X509_CRL_sort(crl)
        try Signer.sign(with: issuer.key, operation: "X509_CRL_sign_ctx") { X509_CRL_sign_ctx(crl, $0) }
        guard let der = OpenSSLEncoding.der({ i2d_X509_CRL(crl, $0) }) else {
            throw .cryptoFailure(operation: "i2d_X509_CRL", diagnostics: OpenSSLError.drain(after: "i2d_X509_CRL"))
        }
        return CertificateRevocationList(unchecked: der)
    }

    /// The listed certificates, in CRL order.
    public var revoked: [RevokedCertificate] {
        self.withParsed { crl in
            guard let stack = X509_CRL_get_REVOKED(crl) else { return [] }
            var result: [RevokedCertificate] = []
            for index in 0..<OPENSSL_sk_num(stack) {
                guard let raw = OPENSSL_sk_value(stack, index) else { continue }
                let entry = OpaquePointer(raw)
                let serial = Self.hex(X509_REVOKED_get0_serialNumber(entry))
                let date = Certificate.date(X509_REVOKED_get0_revocationDate(entry))
                var code = RevocationReason.unspecified
                if let reason = X509_REVOKED_get_ext_d2i(entry, NID_crl_reason, nil, nil) {
                    let enumerated = reason.assumingMemoryBound(to: ASN1_ENUMERATED.self)
                    code = RevocationReason(rawValue: Int(ASN1_ENUMERATED_get(enumerated))) ?? .unspecified
                    ASN1_ENUMERATED_free(enumerated)
                }
                result.append(RevokedCertificate(serialNumberHex: serial, revocationDate: date, reason: code))
            }
            return result
        } ?? []
    }

    /// thisUpdate (OpenSSL's lastUpdate).
    public var thisUpdate: Date { self.withParsed { Certificate.date(X509_CRL_get0_lastUpdate($0)) } ?? .distantPast }

    /// nextUpdate, if present.
    public var nextUpdate: Date? {
        self.withParsed { crl in X509_CRL_get0_nextUpdate(crl).map { Certificate.date($0) } } ?? nil
    }

    /// The cRLNumber extension, if present.
    public var number: UInt64? {
        self.withParsed { crl -> UInt64? in
            guard let raw = X509_CRL_get_ext_d2i(crl, NID_crl_number, nil, nil) else { return nil }
            let integer = raw.assumingMemoryBound(to: ASN1_INTEGER.self)
            defer { ASN1_INTEGER_free(integer) }
            var value: UInt64 = 0
            guard ASN1_INTEGER_get_uint64(&value, integer) == 1 else { return nil }
            return value
        } ?? nil
    }

    /// The issuer name as an RFC 4514 string.
    public var issuer: String { self.withParsed { OpenSSLEncoding.rfc4514(X509_CRL_get_issuer($0)) } ?? "" }

    /// Whether `issuer`'s public key verifies this CRL's signature (RSA and EC; SM2 with the GM/T
    /// 0009 ID, which `X509_CRL_verify` cannot be given in OpenSSL 3.0, so the TBS part is verified
    /// directly).
    /// - Parameter issuer: the CA certificate that should have signed it.
    /// - Returns: true when the signature verifies.
    public func isSigned(by issuer: Certificate) -> Bool {
        defer { OpenSSLError.clearQueue() }
        return self.withParsed { crl -> Bool in
            guard let key = X509_get0_pubkey(issuer.handle.pointer) else { return false }
            guard EVP_PKEY_is_a(key, "SM2") == 1 else { return X509_CRL_verify(crl, key) == 1 }
            return Self.verifySM2(crl, key: key)
        } ?? false
    }

    // MARK: Internals

    private static func parse(_ der: [UInt8]) -> OpaquePointer? {
        der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            guard let crl = d2i_X509_CRL(nil, &cursor, buffer.count) else { return nil }
            guard let cursor, cursor == buffer.baseAddress! + buffer.count else {
                X509_CRL_free(crl)
                return nil
            }
            return crl
        }
    }

    private func withParsed<T>(_ body: (OpaquePointer) -> T) -> T? {
        guard let crl = Self.parse(self.der) else {
            OpenSSLError.clearQueue()
            return nil
        }
        defer { X509_CRL_free(crl) }
        return body(crl)
    }

    private static func withTime(
        _ date: Date, _ body: (UnsafeMutablePointer<ASN1_TIME>) throws(CertificateError) -> Void
    )
        throws(CertificateError)
    {
        guard let time = ASN1_TIME_set(nil, time_t(date.timeIntervalSince1970.rounded(.down))) else {
            throw .cryptoFailure(operation: "ASN1_TIME_set", diagnostics: OpenSSLError.drain(after: "ASN1_TIME_set"))
        }
        defer { ASN1_STRING_free(time) }
        try body(time)
    }

    private static func addRevoked(_ entry: RevokedCertificate, to crl: OpaquePointer) throws(CertificateError) {
        let hex = entry.serialNumberHex
        guard !hex.isEmpty, hex.count <= 40, hex.allSatisfy(\.isHexDigit) else {
            throw .invalidIssuanceParameter(
                name: "serialNumber", detail: "\"\(hex)\" is not a hex serial of 1-20 bytes")
        }
        var bignum: OpaquePointer? = nil
        guard BN_hex2bn(&bignum, hex) > 0, let bignum else {
            throw .invalidIssuanceParameter(name: "serialNumber", detail: "\"\(hex)\" is not a hex serial")
        }
        defer { BN_free(bignum) }
        guard let serial = BN_to_ASN1_INTEGER(bignum, nil) else {
            preconditionFailure("BN_to_ASN1_INTEGER: out of memory")
        }
        defer { ASN1_INTEGER_free(serial) }
        guard let revoked = X509_REVOKED_new() else { preconditionFailure("X509_REVOKED_new: out of memory") }
        var owned: OpaquePointer? = revoked
        defer { if let owned { X509_REVOKED_free(owned) } }
        guard X509_REVOKED_set_serialNumber(revoked, serial) == 1 else {
            throw .cryptoFailure(operation: "X509_REVOKED_set_serialNumber", diagnostics: nil)
        }
        try Self.withTime(entry.revocationDate) { time throws(CertificateError) in
            guard X509_REVOKED_set_revocationDate(revoked, time) == 1 else {
                throw .cryptoFailure(operation: "X509_REVOKED_set_revocationDate", diagnostics: nil)
            }
        }
        guard let reason = ASN1_ENUMERATED_new() else { preconditionFailure("ASN1_ENUMERATED_new: out of memory") }
        defer { ASN1_ENUMERATED_free(reason) }
        ASN1_ENUMERATED_set(reason, entry.reason.rawValue)
        guard X509_REVOKED_add1_ext_i2d(revoked, NID_crl_reason, UnsafeMutableRawPointer(reason), 0, 0) == 1 else {
            throw .cryptoFailure(
                operation: "X509_REVOKED_add1_ext_i2d",
                diagnostics: OpenSSLError.drain(after: "X509_REVOKED_add1_ext_i2d"))
        }
        guard X509_CRL_add0_revoked(crl, revoked) == 1 else {
            throw .cryptoFailure(operation: "X509_CRL_add0_revoked", diagnostics: nil)
        }
        owned = nil
    }

    /// cRLNumber and authorityKeyIdentifier (keyid of the issuer).
    private static func addExtensions(_ crl: OpaquePointer, issuer: OpaquePointer, number: UInt64)
        throws(CertificateError)
    {
        guard let integer = ASN1_INTEGER_new() else { preconditionFailure("ASN1_INTEGER_new: out of memory") }
        defer { ASN1_INTEGER_free(integer) }
        ASN1_INTEGER_set_uint64(integer, number)
        guard X509_CRL_add1_ext_i2d(crl, NID_crl_number, UnsafeMutableRawPointer(integer), 0, 0) == 1 else {
            throw .cryptoFailure(
                operation: "X509_CRL_add1_ext_i2d", diagnostics: OpenSSLError.drain(after: "X509_CRL_add1_ext_i2d"))
        }
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer, nil, nil, crl, 0)
        guard let ext = X509V3_EXT_conf_nid(nil, &context, NID_authority_key_identifier, "keyid") else {
            throw .cryptoFailure(
                operation: "X509V3_EXT_conf_nid(authorityKeyIdentifier)",
                diagnostics: OpenSSLError.drain(after: "X509V3_EXT_conf_nid"))
        }
        defer { X509_EXTENSION_free(ext) }
        guard X509_CRL_add_ext(crl, ext, -1) == 1 else {
            throw .cryptoFailure(
                operation: "X509_CRL_add_ext", diagnostics: OpenSSLError.drain(after: "X509_CRL_add_ext"))
        }
    }

    /// Verifies an SM2 signature over the CRL's TBS bytes with SM3 and the GM/T 0009 ID.
    private static func verifySM2(_ crl: OpaquePointer, key: OpaquePointer) -> Bool {
        var signature: UnsafePointer<ASN1_BIT_STRING>? = nil
        X509_CRL_get0_signature(crl, &signature, nil)
        guard let signature else { return false }
        let signatureBytes = OpenSSLEncoding.bytes(signature)
        guard let tbs = OpenSSLEncoding.der({ i2d_re_X509_CRL_tbs(crl, $0) }) else { return false }
        guard let mdContext = EVP_MD_CTX_new() else { return false }
        var keyContext: OpaquePointer? = nil
        defer {
            EVP_MD_CTX_free(mdContext)
            if let keyContext { EVP_PKEY_CTX_free(keyContext) }
        }
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, key, nil) else { return false }
        keyContext = context
        let idSet = OpenSSLEncoding.sm2DistinguishingID.withUnsafeBytes {
            EVP_PKEY_CTX_set1_id(context, $0.baseAddress, Int32($0.count))
        }
        guard idSet == 1 else { return false }
        EVP_MD_CTX_set_pkey_ctx(mdContext, context)
        guard EVP_DigestVerifyInit(mdContext, nil, EVP_sm3(), nil, key) == 1 else { return false }
        return EVP_DigestVerify(mdContext, signatureBytes, signatureBytes.count, tbs, tbs.count) == 1
    }

    private static func hex(_ integer: UnsafePointer<ASN1_INTEGER>?) -> String {
        guard let integer, let bn = ASN1_INTEGER_to_BN(integer, nil) else { return "" }
        defer { BN_free(bn) }
        guard let hex = BN_bn2hex(bn) else { return "" }
        defer { shim_OPENSSL_free(hex) }
        var text = String(cString: hex).lowercased()
        if text.count % 2 == 1 { text = "0" + text }
        return text
    }
}
