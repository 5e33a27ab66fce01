internal import COpenSSL
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension Certificate {
    /// Everything certd reports about this certificate (computed on each access; cache it if hot).
    public var details: CertificateDetails {
        let x509 = self.handle.pointer
        let publicKey = self.publicKey
        let constraints = Self.basicConstraints(x509)
        return CertificateDetails(
            subject: self.subject,
            commonName: OpenSSLEncoding.commonName(X509_get_subject_name(x509)),
            subjectAlternativeNames: Self.subjectAlternativeNames(
                X509_get_ext_d2i(x509, NID_subject_alt_name, nil, nil)
            ),
            issuer: self.issuer,
            serialNumber: Self.serialHex(x509),
            sha256Fingerprint: Digest.sha256Hex(self.der),
            sha1Fingerprint: Digest.sha1Hex(self.der),
            publicKeyFingerprint: publicKey.fingerprint,
            keyAlgorithm: publicKey.algorithm,
            signatureAlgorithm: Self.signatureAlgorithm(x509),
            notBefore: Self.date(X509_get0_notBefore(x509)),
            notAfter: Self.date(X509_get0_notAfter(x509)),
            isCA: constraints.isCA,
            pathLength: constraints.pathLength,
            keyUsage: Self.keyUsage(x509),
            extendedKeyUsage: Self.extendedKeyUsage(x509),
            isSelfSigned: X509_self_signed(x509, 1) == 1
        )
    }

    /// Whether issuer equals subject and the certificate's own key verifies its signature.
    public var isSelfSigned: Bool {
        let result = X509_self_signed(self.handle.pointer, 1) == 1
        OpenSSLError.clearQueue()
        return result
    }

    /// Decodes a `GENERAL_NAMES` value (from `X509_get_ext_d2i`/`X509V3_get_d2i`) and frees it.
    static func subjectAlternativeNames(_ raw: UnsafeMutableRawPointer?) -> [SubjectAlternativeName] {
        guard let raw else { return [] }
        let stack = OpaquePointer(raw)
        defer { shim_GENERAL_NAMES_free(stack) }
        var names: [SubjectAlternativeName] = []
        for i in 0..<OPENSSL_sk_num(stack) {
            guard let value = OPENSSL_sk_value(stack, i) else { continue }
            let name = value.assumingMemoryBound(to: GENERAL_NAME.self).pointee
            switch name.type {
            case GEN_DNS:
                if let s = OpenSSLEncoding.string(name.d.dNSName) { names.append(.dns(s)) }
            case GEN_EMAIL:
                if let s = OpenSSLEncoding.string(name.d.rfc822Name) { names.append(.email(s)) }
            case GEN_URI:
                if let s = OpenSSLEncoding.string(name.d.uniformResourceIdentifier) {
                    names.append(.uri(s))
                }
            case GEN_IPADD:
                names.append(.ip(Self.ipString(OpenSSLEncoding.bytes(name.d.iPAddress))))
            default:
                continue
            }
        }
        return names
    }

    /// Text form of a 4- or 16-byte IP address (IPv6 compressed as RFC 5952 recommends).
    static func ipString(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        guard bytes.count == 16 else { return Digest.hex(bytes) }
        var buffer = [CChar](repeating: 0, count: 64)
        let ok = bytes.withUnsafeBytes { raw in inet_ntop(AF_INET6, raw.baseAddress, &buffer, 64) }
        guard ok != nil else { return Digest.hex(bytes) }
        let text = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: text, as: UTF8.self)
    }

    private static func serialHex(_ x509: OpaquePointer) -> String {
        guard let bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x509), nil) else { return "" }
        defer { BN_free(bn) }
        guard let hex = BN_bn2hex(bn) else { return "" }
        defer { shim_OPENSSL_free(hex) }
        var text = String(cString: hex).lowercased()
        if text.count % 2 == 1 { text = "0" + text }
        return text
    }

    private static func signatureAlgorithm(_ x509: OpaquePointer) -> String {
        var algorithm: UnsafePointer<X509_ALGOR>? = nil
        X509_get0_signature(nil, &algorithm, x509)
        var object: OpaquePointer? = nil
        X509_ALGOR_get0(&object, nil, nil, algorithm)
        return OpenSSLEncoding.objectName(object)
    }

    static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date {
        var parts = tm()
        guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else { return Date(timeIntervalSince1970: 0) }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    private static func basicConstraints(_ x509: OpaquePointer) -> (isCA: Bool, pathLength: Int?) {
        guard let raw = X509_get_ext_d2i(x509, NID_basic_constraints, nil, nil) else { return (false, nil) }
        let constraints = raw.assumingMemoryBound(to: BASIC_CONSTRAINTS.self)
        defer { BASIC_CONSTRAINTS_free(constraints) }
        let isCA = constraints.pointee.ca != 0
        let pathLength = constraints.pointee.pathlen.map { Int(ASN1_INTEGER_get($0)) }
        return (isCA, pathLength)
    }

    private static func keyUsage(_ x509: OpaquePointer) -> [KeyUsage] {
        let bits = X509_get_key_usage(x509)
        guard bits != UInt32.max else { return [] }
        let table: [(UInt32, KeyUsage)] = [
            (0x0080, .digitalSignature), (0x0040, .nonRepudiation), (0x0020, .keyEncipherment),
            (0x0010, .dataEncipherment), (0x0008, .keyAgreement), (0x0004, .keyCertSign), (0x0002, .cRLSign),
            (0x0001, .encipherOnly), (0x8000, .decipherOnly),
        ]
        return table.filter { bits & $0.0 != 0 }.map(\.1)
    }

    private static func extendedKeyUsage(_ x509: OpaquePointer) -> [ExtendedKeyUsage] {
        guard let raw = X509_get_ext_d2i(x509, NID_ext_key_usage, nil, nil) else { return [] }
        let stack = OpaquePointer(raw)
        defer { EXTENDED_KEY_USAGE_free(stack) }
        var usages: [ExtendedKeyUsage] = []
        for i in 0..<OPENSSL_sk_num(stack) {
            guard let value = OPENSSL_sk_value(stack, i) else { continue }
            let object = OpaquePointer(value)
            switch OBJ_obj2nid(object) {
            case NID_server_auth: usages.append(.serverAuth)
            case NID_client_auth: usages.append(.clientAuth)
            case NID_code_sign: usages.append(.codeSigning)
            case NID_email_protect: usages.append(.emailProtection)
            case NID_time_stamp: usages.append(.timeStamping)
            case NID_OCSP_sign: usages.append(.ocspSigning)
            default: usages.append(.other(oid: OpenSSLEncoding.dottedOID(object)))
            }
        }
        return usages
    }
}
