extension CertificateError: CustomStringConvertible {
    /// The exact sentence for input that is not a PEM certificate (kept stable: users and docs quote it).
    public static let notPEMCertificateMessage =
        "the certificate format is incorrect: expected PEM text between -----BEGIN CERTIFICATE----- and "
        + "-----END CERTIFICATE----- markers"

    /// What to tell the user: which field, what is wrong, what to do.
    public var message: String {
        switch self {
        case .emptyInput(let field):
            return "the \(field.displayName) field is empty: paste the PEM text or upload the file"
        case .tooLarge(let field, let size, let limit):
            return "the \(field.displayName) field is too large (\(size) bytes; the limit is \(limit) bytes): "
                + "upload only the certificate, chain or key, not an archive"
        case .badFormat(let field, _):
            if field.holdsPrivateKey {
                return "the private key format is incorrect: expected PEM text between -----BEGIN PRIVATE KEY----- "
                    + "and -----END PRIVATE KEY----- markers (PKCS#8, PKCS#1 RSA, SEC1 EC or encrypted PKCS#8)"
            }
            if field == .certificateSigningRequest {
                return "the certificate signing request format is incorrect: expected PEM text between "
                    + "-----BEGIN CERTIFICATE REQUEST----- and -----END CERTIFICATE REQUEST----- markers"
            }
            return Self.notPEMCertificateMessage + " (in the \(field.displayName) field)"
        case .looksLikeDER(let field, _):
            if field.holdsPrivateKey {
                return "the private key field holds binary DER data that is not a private key: "
                    + "paste the key as PEM (openssl pkey -in key.der -inform DER -out key.pem)"
            }
            return Self.notPEMCertificateMessage + ": the \(field.displayName) field looks like binary DER; "
                + "convert it with `openssl x509 -inform DER -in cert.der -out cert.pem`"
        case .looksLikePFX(let field):
            return Self.notPEMCertificateMessage + ": the \(field.displayName) field looks like a PFX/PKCS#12 "
                + "file; upload it as PFX with its password, or convert it with `openssl pkcs12 -in file.pfx -nodes`"
        case .privateKeyInCertificateField(let field):
            return Self.notPEMCertificateMessage + ": the \(field.displayName) field contains a private key; "
                + "paste the private key into the private key field and the certificate here"
        case .certificateInKeyField(let field):
            return "the \(field.displayName) field contains a certificate, not a private key: paste the "
                + "certificate into the certificate field and the private key (-----BEGIN PRIVATE KEY-----) here"
        case .certificateRequestInCertificateField(let field):
            return Self.notPEMCertificateMessage + ": the \(field.displayName) field contains a certificate "
                + "signing request (CSR); submit the CSR to a CA and paste the certificate it returns"
        case .corruptBase64(let field, let label):
            return "the \(field.displayName) field is damaged: the base64 text inside -----BEGIN \(label)----- is "
                + "truncated or contains invalid characters; copy the whole block again, markers included"
        case .missingEndMarker(let field, let label):
            return "the \(field.displayName) field is truncated: -----BEGIN \(label)----- has no matching "
                + "-----END \(label)----- marker; copy the whole block again"
        case .corruptData(let field, let label, _):
            return "the \(field.displayName) field is damaged: the \(label) block decodes but is not a valid "
                + "\(label.lowercased()); it may be truncated; copy it again from the original file"
        case .keyMismatch(let pair, let certAlgorithm, let certFingerprint, let keyAlgorithm, let keyFingerprint):
            let which =
                switch pair {
                case .single: ""
                case .signing: " (signing pair)"
                case .encryption: " (encryption pair)"
                }
            return "the certificate and private key do not match\(which): the certificate's public key is "
                + "\(certAlgorithm) sha256:\(certFingerprint), the private key's public key is \(keyAlgorithm) "
                + "sha256:\(keyFingerprint); upload the key that was generated with this certificate's CSR"
        case .requestMismatch(let certFingerprint, let requestFingerprint):
            return "the certificate was not issued for this certificate signing request: the certificate's public "
                + "key is sha256:\(certFingerprint), the request's is sha256:\(requestFingerprint)"
        case .encryptedKeyNeedsPassphrase(let field):
            return "the \(field.displayName) is encrypted and no passphrase was given: pass the passphrase "
                + "(certctl: --passphrase-file FILE) or upload an unencrypted key"
        case .wrongPassphrase(let field, _):
            return "the passphrase does not decrypt the \(field.displayName): check the passphrase "
                + "(certctl: --passphrase-file FILE) and try again"
        case .unsupportedAlgorithm(let field, let algorithm):
            let place = field.map { " in the \($0.displayName) field" } ?? ""
            return "unsupported algorithm \(algorithm)\(place): certd handles RSA (2048-4096 bits), EC P-256/P-384/"
                + "P-521, SM2 and Ed25519 keys"
        case .chainBroken(let subject, let missingIssuer):
            return "the certificate chain is incomplete: the issuer \"\(missingIssuer)\" of \"\(subject)\" is "
                + "missing; add the intermediate certificate from your CA to the chain field"
        case .chainSignatureInvalid(let subject, let issuer, _):
            return "the certificate chain does not link: \"\(subject)\" names \"\(issuer)\" as issuer but its "
                + "signature does not verify with that certificate's key; use the intermediate your CA sent"
        case .foreignCertificate(let field, let subject):
            return "the \(field.displayName) field contains \"\(subject)\", which is not part of this "
                + "certificate's chain; remove it"
        case .requestSignatureInvalid:
            return "the certificate signing request's signature does not verify: it was altered or is damaged; "
                + "generate it again"
        case .notACertificateAuthority(let subject):
            return "\"\(subject)\" cannot issue certificates: it is not a CA certificate or its key does not match"
        case .invalidIssuanceParameter(let name, let detail):
            return "invalid \(name): \(detail)"
        case .cryptoFailure(let operation, _):
            return "a cryptographic operation failed (\(operation))"
        }
    }

    public var description: String {
        if let diagnostics = self.diagnostics, !diagnostics.entries.isEmpty {
            return "\(self.reason): \(self.message) [\(diagnostics)]"
        }
        return "\(self.reason): \(self.message)"
    }
}
