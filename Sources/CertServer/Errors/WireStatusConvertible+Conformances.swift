import CertCrypto
import CertDomain
import CertWire

// The one place that decides how every expected error reaches a peer. Statuses follow gRPC's
// meaning: the caller's input is wrong -> invalidArgument; the target is missing or not the
// caller's -> notFound (never a hint that it exists); the state forbids it -> failedPrecondition.

extension DomainError: WireStatusConvertible {
    /// The wire form of a domain error; crypto failures keep CertCrypto's reason and message.
    var wireError: RPCError {
        switch self {
        case .unauthenticated:
            RPCError(
                .unauthenticated, "the client certificate is not bound to any account",
                reason: "unknownClientCertificate")
        case .permissionDenied:
            RPCError(.permissionDenied, "this operation needs an admin account", reason: "permissionDenied")
        case .accountNotFound(let id):
            RPCError(.notFound, "no account with id '\(id)'", reason: "notFound")
        case .certificateNotFound(let id):
            RPCError(.notFound, "no certificate with id '\(id)'", reason: "notFound")
        case .csrNotFound(let id):
            RPCError(.notFound, "no certificate signing request with id '\(id)'", reason: "notFound")
        case .accountAlreadyExists(let id):
            RPCError(.alreadyExists, "an account with id '\(id)' already exists", reason: "alreadyExists")
        case .clientCertificateAlreadyBound:
            RPCError(
                .alreadyExists, "this client certificate is already bound to an account", reason: "alreadyExists")
        case .nameTaken(let name):
            RPCError(
                .alreadyExists, "you already have a certificate named '\(name)': choose another name",
                reason: "nameTaken")
        case .csrKeyMismatch(let csrID):
            RPCError(
                .invalidArgument,
                "the certificate was not issued for certificate signing request '\(csrID)': its public key differs",
                reason: "keyMismatch")
        case .csrAlreadyUsed(let csrID, let certificateID):
            RPCError(
                .failedPrecondition,
                "the key of certificate signing request '\(csrID)' already belongs to certificate '\(certificateID)'",
                reason: "csrAlreadyUsed")
        case .csrHasNoKey(let csrID):
            RPCError(
                .failedPrecondition,
                "certd holds no key for certificate signing request '\(csrID)' (it was uploaded): "
                    + "upload the certificate with its private key",
                reason: "csrHasNoKey")
        case .invalidCertificate(let error):
            error.wireError
        case .keyUnavailable:
            // Wrong master key or a damaged record: the operator's problem, not the caller's.
            RPCError(
                .internal, "the stored private key could not be opened; see the server log", reason: "keyUnavailable")
        case .downloadForbidden:
            RPCError(
                .permissionDenied, "the keys of a shared certificate cannot be downloaded", reason: "downloadForbidden")
        case .invalidPageToken:
            RPCError(
                .invalidArgument, "the page token is not valid for this listing: start again without it",
                reason: "invalidPageToken")
        case .invalidArgument(let field, let detail):
            RPCError(.invalidArgument, "\(field): \(detail)", reason: "invalidArgument")
        case .storageFull:
            RPCError(.resourceExhausted, "the server's storage is full; nothing was written", reason: "storageFull")
        case .storageUnavailable:
            RPCError(.unavailable, "the server's storage failed; nothing was written", reason: "storageUnavailable")
        }
    }
}

extension CertificateError: WireStatusConvertible {
    /// Input problems are `invalidArgument` with CertCrypto's reason and message; failures inside
    /// OpenSSL are `internal` without their diagnostics.
    var wireError: RPCError {
        switch self {
        case .cryptoFailure:
            RPCError(.internal, "a cryptographic operation failed on the server; see its log", reason: "cryptoFailure")
        case .emptyInput, .tooLarge, .badFormat, .looksLikeDER, .looksLikePFX, .privateKeyInCertificateField,
            .certificateInKeyField, .certificateRequestInCertificateField, .corruptBase64, .missingEndMarker,
            .corruptData, .keyMismatch, .requestMismatch, .encryptedKeyNeedsPassphrase, .wrongPassphrase,
            .unsupportedAlgorithm, .chainBroken, .chainSignatureInvalid, .foreignCertificate,
            .requestSignatureInvalid, .notACertificateAuthority, .invalidIssuanceParameter:
            RPCError(.invalidArgument, self.message, reason: self.reason)
        }
    }
}

extension KeyStoreError: WireStatusConvertible {
    /// Key-store input problems are `invalidArgument`; a wrong store or key password uses the same
    /// reason as a wrong key passphrase (`wrongPassphrase`), so clients handle one code.
    var wireError: RPCError {
        switch self {
        case .openSSLFailure:
            RPCError(
                .internal, "the key store could not be processed on the server; see its log", reason: "cryptoFailure")
        case .wrongPassword, .wrongKeyPassword:
            RPCError(.invalidArgument, self.message, reason: "wrongPassphrase")
        case .emptyInput, .tooLarge, .notPKCS12, .notJKS, .corrupt, .unsupportedEntry, .unsupportedAlgorithm,
            .invalidInput:
            RPCError(.invalidArgument, self.message, reason: self.reason)
        }
    }
}
