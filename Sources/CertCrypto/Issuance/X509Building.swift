internal import COpenSSL
import Foundation

/// Builders for the OpenSSL pieces of new certificates and CSRs: names, SANs, serials, validity
/// and extensions.
///
/// Role: shared by ``CertificateAuthority`` and ``CertificateSigningRequest/generate(subject:subjectAlternativeNames:key:)``.
/// Isolation: stateless; returned pointers are owned by the caller.
enum X509Building {
    /// MBSTRING_UTF8 (`MBSTRING_FLAG`), a macro Swift imports only indirectly.
    private static let utf8 = Int32(MBSTRING_FLAG)

    /// A new `X509_NAME` (caller frees) from `name`.
    static func makeName(_ name: DistinguishedName) throws(CertificateError) -> OpaquePointer {
        guard !name.attributes.isEmpty else {
            throw .invalidIssuanceParameter(name: "subject", detail: "the subject name is empty")
        }
        guard let x509Name = X509_NAME_new() else { preconditionFailure("X509_NAME_new: out of memory") }
        for attribute in name.attributes {
            let bytes = Array(attribute.value.utf8)
            let ok = bytes.withUnsafeBufferPointer {
                X509_NAME_add_entry_by_txt(x509Name, attribute.type, self.utf8, $0.baseAddress, Int32($0.count), -1, 0)
            }
            guard ok == 1 else {
                X509_NAME_free(x509Name)
                OpenSSLError.clearQueue()
                throw .invalidIssuanceParameter(
                    name: "subject",
                    detail: "attribute \(attribute.type)=\(attribute.value) is not valid (unknown type or bad length)"
                )
            }
        }
        return x509Name
    }

    /// A new `GENERAL_NAMES` stack (free with `shim_GENERAL_NAMES_free`).
    static func makeGeneralNames(_ names: [SubjectAlternativeName]) throws(CertificateError) -> OpaquePointer {
        guard let stack = OPENSSL_sk_new_null() else { preconditionFailure("OPENSSL_sk_new_null: out of memory") }
        for name in names {
            let type: Int32
            let value: String
            switch name {
            case .dns(let v):
                type = GEN_DNS
                value = v
                let allowed = v.utf8.allSatisfy {
                    ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7a) || $0 == 0x2d || $0 == 0x2e
                        || $0 == 0x2a || $0 == 0x5f
                }
                guard !v.isEmpty, allowed else {
                    shim_GENERAL_NAMES_free(stack)
                    throw .invalidIssuanceParameter(
                        name: "subjectAlternativeName", detail: "\"\(v)\" is not a DNS name")
                }
            case .ip(let v): type = GEN_IPADD; value = v
            case .email(let v): type = GEN_EMAIL; value = v
            case .uri(let v): type = GEN_URI; value = v
            }
            guard let general = a2i_GENERAL_NAME(nil, nil, nil, type, value, 0) else {
                shim_GENERAL_NAMES_free(stack)
                OpenSSLError.clearQueue()
                throw .invalidIssuanceParameter(name: "subjectAlternativeName", detail: "\(name) is not valid")
            }
            OPENSSL_sk_push(stack, UnsafeRawPointer(general))
        }
        return stack
    }

    /// A fresh 128-bit random positive serial number set on `x509`.
    static func setRandomSerial(_ x509: OpaquePointer) throws(CertificateError) {
        var bytes = [UInt8](repeating: 0, count: 16)
        guard RAND_bytes(&bytes, 16) == 1 else {
            throw .cryptoFailure(operation: "RAND_bytes", diagnostics: OpenSSLError.drain(after: "RAND_bytes"))
        }
        if bytes[0] == 0 { bytes[0] = 1 }  // keep the full 128 bits significant
        guard let bn = BN_bin2bn(bytes, 16, nil) else { preconditionFailure("BN_bin2bn: out of memory") }
        defer { BN_free(bn) }
        guard let integer = BN_to_ASN1_INTEGER(bn, nil) else {
            preconditionFailure("BN_to_ASN1_INTEGER: out of memory")
        }
        defer { ASN1_INTEGER_free(integer) }
        X509_set_serialNumber(x509, integer)
    }

    /// Sets notBefore/notAfter.
    static func setValidity(_ x509: OpaquePointer, _ validity: Validity) throws(CertificateError) {
        guard validity.notAfter > validity.notBefore else {
            throw .invalidIssuanceParameter(name: "validity", detail: "notAfter must be later than notBefore")
        }
        let start = time_t(validity.notBefore.timeIntervalSince1970.rounded(.down))
        let end = time_t(validity.notAfter.timeIntervalSince1970.rounded(.down))
        guard ASN1_TIME_set(X509_getm_notBefore(x509), start) != nil,
            ASN1_TIME_set(X509_getm_notAfter(x509), end) != nil
        else {
            throw .cryptoFailure(operation: "ASN1_TIME_set", diagnostics: OpenSSLError.drain(after: "ASN1_TIME_set"))
        }
    }

    /// Adds one extension from OpenSSL's configuration syntax (values come from our enums, never users).
    static func addExtension(_ x509: OpaquePointer, issuer: OpaquePointer, nid: Int32, _ value: String)
        throws(CertificateError)
    {
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer, x509, nil, nil, 0)
        guard let ext = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
            throw .cryptoFailure(
                operation: "X509V3_EXT_conf_nid(\(value))",
                diagnostics: OpenSSLError.drain(after: "X509V3_EXT_conf_nid"))
        }
        defer { X509_EXTENSION_free(ext) }
        guard X509_add_ext(x509, ext, -1) == 1 else {
            throw .cryptoFailure(operation: "X509_add_ext", diagnostics: OpenSSLError.drain(after: "X509_add_ext"))
        }
    }

    /// subjectKeyIdentifier, plus authorityKeyIdentifier unless self-signed (`issuer == x509`; a
    /// root's AKI would only repeat its own SKI).
    static func addKeyIdentifiers(_ x509: OpaquePointer, issuer: OpaquePointer) throws(CertificateError) {
        try self.addExtension(x509, issuer: issuer, nid: NID_subject_key_identifier, "hash")
        if issuer != x509 {
            try self.addExtension(x509, issuer: issuer, nid: NID_authority_key_identifier, "keyid")
        }
    }

    static func keyUsageValue(_ usages: [KeyUsage]) -> String {
        "critical," + usages.map(\.rawValue).joined(separator: ",")
    }

    static func extendedKeyUsageValue(_ usages: [ExtendedKeyUsage]) -> String {
        usages.map(\.description).joined(separator: ",")
    }
}
