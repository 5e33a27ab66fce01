/// An uploaded certificate with its chain: the leaf split off, the chain ordered and verified.
///
/// Role: the entry point of upload validation. Give it the certificate field (which may hold
/// the whole chain, in any order) and optionally a separate chain field.
/// Invariant: `chain.leaf` is the only certificate that issues none of the others; every other
/// certificate is on the leaf's issuer path (foreign ones were refused).
/// Isolation: a `Sendable` value.
public struct CertificateBundle: Sendable, Hashable {
    /// The leaf certificate.
    public var leaf: Certificate { self.chain.leaf }
    /// The ordered, verified chain (leaf -> intermediates -> root when given).
    public var chain: CertificateChain

    /// Parses and orders an uploaded certificate and chain.
    /// - Parameters:
    ///   - certificatePEM: the certificate field: PEM (one or many blocks, any order) or one DER certificate.
    ///   - chainPEM: the optional chain field, same forms; empty or nil means none.
    ///   - trustedIssuers: CA certificates the caller trusts (e.g. a private CA); a chain ending in
    ///     one of them counts as complete.
    ///   - allowDER: accept a binary DER certificate in place of PEM.
    /// - Returns: the bundle with its chain built and verified.
    /// - Throws: ``CertificateError``: input errors from parsing either field, `foreignCertificate`,
    ///   `chainSignatureInvalid`, or `chainBroken` when certificates are present that do not link.
    public static func parse(
        certificatePEM: [UInt8],
        chainPEM: [UInt8]? = nil,
        trustedIssuers: [Certificate] = [],
        allowDER: Bool = true
    ) throws(CertificateError) -> CertificateBundle {
        let main = try self.parseCertificates(certificatePEM, field: .certificate, allowDER: allowDER)
        var extra: [Certificate] = []
        if let chainPEM, chainPEM.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0a || $0 == 0x0d) }) {
            extra = try self.parseCertificates(chainPEM, field: .chain, allowDER: allowDER)
        }
        let chain = try CertificateChain.build(
            certificates: main.map { ($0, InputField.certificate) } + extra.map { ($0, InputField.chain) },
            trustedIssuers: trustedIssuers
        )
        return CertificateBundle(chain: chain)
    }

    /// Text convenience for ``parse(certificatePEM:chainPEM:trustedIssuers:allowDER:)``.
    public static func parse(
        certificatePEM: String,
        chainPEM: String? = nil,
        trustedIssuers: [Certificate] = []
    ) throws(CertificateError) -> CertificateBundle {
        try self.parse(
            certificatePEM: Array(certificatePEM.utf8),
            chainPEM: chainPEM.map { Array($0.utf8) },
            trustedIssuers: trustedIssuers,
            allowDER: false
        )
    }

    /// Every certificate in a field, in input order, without chain checks.
    /// - Parameters:
    ///   - bytes: PEM text with one or more CERTIFICATE blocks, or (when `allowDER`) one DER certificate.
    ///   - field: the field name for errors.
    ///   - allowDER: accept binary DER.
    /// - Returns: at least one certificate.
    /// - Throws: ``CertificateError`` naming what the input is instead (empty, too large, key,
    ///   CSR, PFX, DER, damaged base64, missing END marker, damaged DER).
    public static func parseCertificates(_ bytes: [UInt8], field: InputField, allowDER: Bool = true)
        throws(CertificateError) -> [Certificate]
    {
        try OpenSSLProviders.require()
        try InputLimits.check(bytes, field: field)
        guard PEMScanner.containsMarker(bytes) else {
            if InputLimits.looksBinary(bytes) {
                if allowDER, let certificate = try? Certificate(der: bytes, field: field) {
                    return [certificate]
                }
                let error = InputLimits.classifyBinary(bytes, field: field)
                if case .looksLikeDER = error {
                    // DER of a certificate where only PEM is accepted still gets the DER hint.
                    throw .looksLikeDER(field: field, diagnostics: nil)
                }
                throw error
            }
            throw .badFormat(field: field, diagnostics: nil)
        }
        let blocks = try PEMScanner.blocks(in: bytes, field: field)
        if blocks.contains(where: { $0.label.hasSuffix("PRIVATE KEY") }) {
            throw .privateKeyInCertificateField(field: field)
        }
        var certificates: [Certificate] = []
        for block in blocks {
            switch block.label {
            case "CERTIFICATE", "X509 CERTIFICATE":
                guard let der = Base64.decode(block.body) else {
                    throw .corruptBase64(field: field, label: block.label)
                }
                certificates.append(try Certificate(der: der, field: field))
            case "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST":
                throw .certificateRequestInCertificateField(field: field)
            case "PKCS12":
                throw .looksLikePFX(field: field)
            default:
                continue  // e.g. EC PARAMETERS emitted by `openssl ecparam`: harmless, skipped
            }
        }
        guard !certificates.isEmpty else { throw .badFormat(field: field, diagnostics: nil) }
        return certificates
    }
}
