/// Which user-supplied field an input came from, so an error can say where to look.
///
/// Role: part of every ``CertificateError`` about input. Isolation: a plain value.
public enum InputField: String, Sendable, Hashable, CaseIterable {
    case certificate
    case chain
    case privateKey
    case certificateSigningRequest
    case encryptionCertificate
    case encryptionPrivateKey
    case trustedIssuers

    /// How a message names the field ("the certificate field").
    public var displayName: String {
        switch self {
        case .certificate: "certificate"
        case .chain: "certificate chain"
        case .privateKey: "private key"
        case .certificateSigningRequest: "certificate signing request"
        case .encryptionCertificate: "encryption certificate"
        case .encryptionPrivateKey: "encryption private key"
        case .trustedIssuers: "trusted issuers"
        }
    }

    /// Whether the field holds a private key (as opposed to certificates or a CSR).
    var holdsPrivateKey: Bool {
        self == .privateKey || self == .encryptionPrivateKey
    }
}

/// Which certificate/key pair a key check was about; SM2 dual certificates have two.
public enum KeyPairRole: String, Sendable, Hashable {
    /// An ordinary certificate with its one key.
    case single
    /// The signing pair of an SM2 dual certificate.
    case signing
    /// The encryption pair of an SM2 dual certificate.
    case encryption
}
