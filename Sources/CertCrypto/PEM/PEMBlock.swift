/// One `-----BEGIN label----- ... -----END label-----` block found in user text.
///
/// Role: the unit the PEM scanner hands to certificate, key and CSR parsing.
/// Invariant: `text` is the exact block, markers included, with CR removed, so it can be given
/// to OpenSSL's PEM readers unchanged (legacy `Proc-Type` headers included).
/// Isolation: a plain value.
struct PEMBlock: Sendable {
    var label: String
    /// RFC 1421 headers (`Proc-Type`, `DEK-Info`), present on legacy encrypted keys.
    var headers: [String: String]
    /// The base64 body (headers and whitespace still in place; decode with ``Base64``).
    var body: ArraySlice<UInt8>
    /// The whole block, markers included, CR stripped.
    var text: [UInt8]

    var isLegacyEncrypted: Bool {
        self.headers["Proc-Type"]?.contains("ENCRYPTED") ?? false
    }
}
