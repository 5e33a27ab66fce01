internal import COpenSSL

/// Small adapters between OpenSSL's C idioms and Swift values: `i2d_*` output, ASN.1 strings,
/// names, key algorithms and SM2 distinguishing IDs.
///
/// Role: shared by certificate, key, CSR and issuance code so each idiom is written once.
/// Isolation: stateless; every function is synchronous.
enum OpenSSLEncoding {
    /// The GM/T 0009 default SM2 distinguishing ID; OpenSSL 3.0 silently uses an empty ID otherwise.
    static let sm2DistinguishingID: [UInt8] = Array("1234567812345678".utf8)

    /// Runs an `i2d_*`-style encoder that allocates its output and copies the bytes out.
    static func der(_ encode: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>) -> Int32) -> [UInt8]? {
        var out: UnsafeMutablePointer<UInt8>? = nil
        let length = encode(&out)
        guard length > 0, let out else { return nil }
        defer { shim_OPENSSL_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: Int(length)))
    }

    /// An ASN.1 string's bytes converted to UTF-8 text.
    static func string(_ asn1: UnsafePointer<ASN1_STRING>?) -> String? {
        guard let asn1 else { return nil }
        var out: UnsafeMutablePointer<UInt8>? = nil
        let length = ASN1_STRING_to_UTF8(&out, asn1)
        guard length >= 0, let out else { return nil }
        defer { shim_OPENSSL_free(out) }
        return String(decoding: UnsafeBufferPointer(start: out, count: Int(length)), as: UTF8.self)
    }

    /// An ASN.1 string's raw bytes.
    static func bytes(_ asn1: UnsafePointer<ASN1_STRING>?) -> [UInt8] {
        guard let asn1, let data = ASN1_STRING_get0_data(asn1) else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(asn1))))
    }

    /// An X.509 name as an RFC 4514 string, UTF-8 left unescaped so non-ASCII names stay readable.
    static func rfc4514(_ name: OpaquePointer?) -> String {
        guard let name else { return "" }
        let flags = shim_XN_FLAG_RFC2253() & ~UInt(ASN1_STRFLGS_ESC_MSB)
        return MemoryBIO.collectingString { bio in X509_NAME_print_ex(bio, name, 0, flags) >= 0 } ?? ""
    }

    /// The last common name of an X.509 name.
    static func commonName(_ name: OpaquePointer?) -> String? {
        guard let name else { return nil }
        var index: Int32 = -1
        var last: Int32 = -1
        while true {
            index = X509_NAME_get_index_by_NID(name, NID_commonName, index)
            if index < 0 { break }
            last = index
        }
        guard last >= 0, let entry = X509_NAME_get_entry(name, last) else { return nil }
        return self.string(X509_NAME_ENTRY_get_data(entry))
    }

    /// What kind of key `key` is. SM2 is identified with `EVP_PKEY_is_a`, never by id (shared notes §3).
    static func algorithm(of key: OpaquePointer) -> KeyAlgorithm {
        if EVP_PKEY_is_a(key, "SM2") == 1 { return .sm2 }
        if EVP_PKEY_is_a(key, "RSA") == 1 { return .rsa(bits: Int(EVP_PKEY_get_bits(key))) }
        if EVP_PKEY_is_a(key, "EC") == 1 {
            var buffer = [CChar](repeating: 0, count: 80)
            var length = 0
            guard EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, &buffer, buffer.count, &length) == 1
            else { return .ec(curve: "unknown") }
            let curve = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return curve == "SM2" ? .sm2 : .ec(curve: curve)
        }
        if EVP_PKEY_is_a(key, "ED25519") == 1 { return .ed25519 }
        if EVP_PKEY_is_a(key, "ED448") == 1 { return .ed448 }
        if let name = EVP_PKEY_get0_type_name(key) { return .other(String(cString: name)) }
        return .other("unknown")
    }

    /// A fresh `ASN1_OCTET_STRING` holding the SM2 distinguishing ID (caller takes ownership).
    static func makeSM2DistinguishingID() -> UnsafeMutablePointer<ASN1_OCTET_STRING> {
        guard let octets = ASN1_OCTET_STRING_new() else { preconditionFailure("ASN1_OCTET_STRING_new: out of memory") }
        let ok = self.sm2DistinguishingID.withUnsafeBufferPointer {
            ASN1_OCTET_STRING_set(octets, $0.baseAddress, Int32($0.count))
        }
        precondition(ok == 1, "ASN1_OCTET_STRING_set failed")
        return octets
    }

    /// An object identifier's long name, or its dotted form when OpenSSL has no name for it.
    static func objectName(_ object: OpaquePointer?, preferShortName: Bool = false) -> String {
        guard let object else { return "unknown" }
        let nid = OBJ_obj2nid(object)
        if nid != NID_undef, let name = preferShortName ? OBJ_nid2sn(nid) : OBJ_nid2ln(nid) {
            return String(cString: name)
        }
        return self.dottedOID(object)
    }

    static func dottedOID(_ object: OpaquePointer) -> String {
        var buffer = [CChar](repeating: 0, count: 128)
        let length = OBJ_obj2txt(&buffer, Int32(buffer.count), object, 1)
        guard length > 0 else { return "unknown" }
        return String(decoding: buffer.prefix(Int(min(length, 127))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
