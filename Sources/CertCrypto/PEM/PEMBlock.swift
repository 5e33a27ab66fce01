/// One `-----BEGIN label----- ... -----END label-----` block found in user text.
///
/// Role: the unit the PEM scanner hands to certificate, key and CSR parsing.
/// Invariant: `body` holds only base64 and whitespace (RFC 1421 headers were split off).
/// Isolation: a plain value.
struct PEMBlock: Sendable {
    var label: String
    /// RFC 1421 headers (`Proc-Type`, `DEK-Info`), present on legacy encrypted keys.
    var headers: [String: String]
    /// The base64 body (headers and whitespace still in place; decode with ``Base64``).
    var body: ArraySlice<UInt8>
    var isLegacyEncrypted: Bool {
        self.headers["Proc-Type"]?.contains("ENCRYPTED") ?? false
    }

    /// The block re-emitted in the strict form OpenSSL's PEM readers expect (user indentation and
    /// odd line lengths removed; `Proc-Type` before `DEK-Info`, then a blank line).
    /// - Parameter der: the decoded body.
    func canonicalText(der: [UInt8]) -> [UInt8] {
        var headerText = ""
        for name in ["Proc-Type", "DEK-Info"] {
            if let value = self.headers[name] { headerText += "\(name): \(value)\n" }
        }
        if !headerText.isEmpty { headerText += "\n" }
        var pem = PEMScanner.encode(der, label: self.label)
        let firstLineEnd = pem.firstIndex(of: "\n").map { pem.index(after: $0) } ?? pem.endIndex
        pem.insert(contentsOf: headerText, at: firstLineEnd)
        return Array(pem.utf8)
    }
}
