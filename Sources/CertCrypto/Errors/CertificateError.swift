/// Everything that can be wrong with certificates, keys, chains and CSRs certd is given or asked
/// to make, one case per situation, so callers switch exhaustively.
///
/// Role: the single error type thrown by CertCrypto's parsing, matching, chain, CSR and issuance
/// APIs. ``reason`` is a stable camelCase code for programs; ``message`` says to a user which
/// field, what is wrong and what to do; ``diagnostics`` carries OpenSSL's drained error queue
/// (never shown as the user message).
/// Isolation: a plain value.
public enum CertificateError: Error, Sendable, Equatable {
    /// The field was empty or only whitespace.
    case emptyInput(field: InputField)
    /// The field is larger than the accepted bound; refused before any parsing.
    case tooLarge(field: InputField, size: Int, limit: Int)
    /// The field is neither PEM of the expected kind nor a recognisable binary form.
    case badFormat(field: InputField, diagnostics: OpenSSLError?)
    /// The field holds binary DER that is not what the field expects (or DER is not accepted here).
    case looksLikeDER(field: InputField, diagnostics: OpenSSLError?)
    /// The field holds a PKCS#12/PFX file, which must be converted (or uploaded as PFX) instead.
    case looksLikePFX(field: InputField)
    /// A private key was pasted where certificates were expected.
    case privateKeyInCertificateField(field: InputField)
    /// A certificate was pasted where the private key was expected.
    case certificateInKeyField(field: InputField)
    /// A certificate signing request was pasted where certificates were expected.
    case certificateRequestInCertificateField(field: InputField)
    /// A PEM block's base64 body is not valid base64 (bad characters, truncated, bad padding).
    case corruptBase64(field: InputField, label: String)
    /// A `-----BEGIN X-----` marker has no matching `-----END X-----`.
    case missingEndMarker(field: InputField, label: String)
    /// The base64 decoded, but the bytes are not a valid certificate/key/CSR (truncated or damaged).
    case corruptData(field: InputField, label: String, diagnostics: OpenSSLError?)
    /// The private key does not belong to the certificate (compared by public key).
    case keyMismatch(
        pair: KeyPairRole,
        certificateKeyAlgorithm: KeyAlgorithm,
        certificateKeyFingerprint: String,
        privateKeyAlgorithm: KeyAlgorithm,
        privateKeyFingerprint: String
    )
    /// The certificate does not belong to the CSR (compared by public key).
    case requestMismatch(certificateKeyFingerprint: String, requestKeyFingerprint: String)
    /// The key is encrypted and no passphrase was given.
    case encryptedKeyNeedsPassphrase(field: InputField)
    /// The key is encrypted and the given passphrase does not decrypt it.
    case wrongPassphrase(field: InputField, diagnostics: OpenSSLError?)
    /// The key or certificate uses an algorithm certd does not handle (or cannot generate).
    case unsupportedAlgorithm(field: InputField?, algorithm: String)
    /// The chain stops before a root: `missingIssuer` (RFC 4514) issued `subject` and was not given.
    case chainBroken(subject: String, missingIssuer: String)
    /// Issuer and subject names link, but the issuer's signature on `subject` does not verify.
    case chainSignatureInvalid(subject: String, issuer: String, diagnostics: OpenSSLError?)
    /// A certificate that is not part of the leaf's chain was supplied.
    case foreignCertificate(field: InputField, subject: String)
    /// A CSR's self-signature does not verify.
    case requestSignatureInvalid(diagnostics: OpenSSLError?)
    /// A certificate given as a CA cannot issue (not a CA, or key does not match).
    case notACertificateAuthority(subject: String)
    /// An issuance parameter is invalid (bad SAN value, validity ends before it starts, ...).
    case invalidIssuanceParameter(name: String, detail: String)
    /// An OpenSSL operation that should not fail on valid input failed (key generation, signing).
    case cryptoFailure(operation: String, diagnostics: OpenSSLError?)

    /// Stable camelCase code for programs and metrics.
    public var reason: String {
        switch self {
        case .emptyInput: "emptyInput"
        case .tooLarge: "tooLarge"
        case .badFormat: "badFormat"
        case .looksLikeDER: "looksLikeDER"
        case .looksLikePFX: "looksLikePFX"
        case .privateKeyInCertificateField: "privateKeyInCertificateField"
        case .certificateInKeyField: "certificateInKeyField"
        case .certificateRequestInCertificateField: "certificateRequestInCertificateField"
        case .corruptBase64: "corruptBase64"
        case .missingEndMarker: "missingEndMarker"
        case .corruptData: "corruptData"
        case .keyMismatch: "keyMismatch"
        case .requestMismatch: "requestMismatch"
        case .encryptedKeyNeedsPassphrase: "encryptedKeyNeedsPassphrase"
        case .wrongPassphrase: "wrongPassphrase"
        case .unsupportedAlgorithm: "unsupportedAlgorithm"
        case .chainBroken: "chainBroken"
        case .chainSignatureInvalid: "chainSignatureInvalid"
        case .foreignCertificate: "foreignCertificate"
        case .requestSignatureInvalid: "requestSignatureInvalid"
        case .notACertificateAuthority: "notACertificateAuthority"
        case .invalidIssuanceParameter: "invalidIssuanceParameter"
        case .cryptoFailure: "cryptoFailure"
        }
    }

    /// OpenSSL's error queue at the point of failure, when OpenSSL was involved.
    public var diagnostics: OpenSSLError? {
        switch self {
        case .badFormat(_, let d), .looksLikeDER(_, let d), .corruptData(_, _, let d), .wrongPassphrase(_, let d),
            .chainSignatureInvalid(_, _, let d), .requestSignatureInvalid(let d), .cryptoFailure(_, let d):
            d
        default:
            nil
        }
    }

    /// The input field the error is about, when there is one.
    public var field: InputField? {
        switch self {
        case .emptyInput(let f), .tooLarge(let f, _, _), .badFormat(let f, _), .looksLikeDER(let f, _),
            .looksLikePFX(let f), .privateKeyInCertificateField(let f), .certificateInKeyField(let f),
            .certificateRequestInCertificateField(let f), .corruptBase64(let f, _), .missingEndMarker(let f, _),
            .corruptData(let f, _, _), .encryptedKeyNeedsPassphrase(let f), .wrongPassphrase(let f, _),
            .foreignCertificate(let f, _):
            f
        case .unsupportedAlgorithm(let f, _):
            f
        case .keyMismatch(let pair, _, _, _, _):
            pair == .encryption ? .encryptionPrivateKey : .privateKey
        case .chainBroken, .chainSignatureInvalid:
            .chain
        case .requestMismatch, .requestSignatureInvalid:
            .certificateSigningRequest
        case .notACertificateAuthority, .invalidIssuanceParameter, .cryptoFailure:
            nil
        }
    }
}
