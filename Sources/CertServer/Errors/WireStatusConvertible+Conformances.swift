import CertCrypto
import CertDomain
import CertWire

// The one place that decides how every expected error reaches a peer. Statuses follow gRPC's
// meaning: the caller's input is wrong -> invalidArgument; the target is missing or not the
// caller's -> notFound (never a hint that it exists); the state forbids it -> failedPrecondition.

extension DomainError: WireStatusConvertible {
    /// The wire form of a domain error: the status decided here, the domain's reason and its
    /// peer-safe message; crypto failures use CertCrypto's mapping below.
    var wireError: RPCError {
        let status: WireStatus
        switch self {
        case .invalidCertificate(let error):
            return error.wireError
        case .unauthenticated:
            // The reason names the cause, so a client can tell "wrong certificate" from "no TLS".
            return RPCError(.unauthenticated, self.message, reason: "unknownClientCertificate")
        case .permissionDenied, .downloadForbidden, .reshareForbidden, .sharedCertificateReadOnly:
            status = .permissionDenied
        case .accountNotFound, .certificateNotFound, .csrNotFound:
            // Also the answer for another account's entry: the domain never says it exists.
            status = .notFound
        case .accountAlreadyExists, .clientCertificateAlreadyBound, .nameTaken, .alreadyShared:
            status = .alreadyExists
        case .csrKeyMismatch, .invalidPageToken, .invalidArgument:
            status = .invalidArgument
        case .csrAlreadyUsed, .csrHasNoKey, .quotaExceeded, .renewalUnavailable,
            .identityNotVerified, .identityMismatch, .siteMismatch, .notShareable, .notShared, .renewalUnsupported:
            status = .failedPrecondition
        case .keyUnavailable:
            // Wrong master key or a damaged record: the operator's problem, not the caller's.
            status = .internal
        case .storageFull:
            status = .resourceExhausted
        case .storageUnavailable:
            status = .unavailable
        case .pcaAuthorityNotFound, .pcaCertificateNotFound:
            status = .notFound
        case .pcaRegionUnknown:
            status = .invalidArgument
        case .pcaWrongAuthorityKind, .pcaLeakRiskNotAccepted, .pcaCertificateRevoked, .pcaRootNotRevocable,
            .pcaAuthorityAlreadyRevoked, .pcaAuthorityRevoked:
            status = .failedPrecondition
        case .deployment(.targetNotFound), .deployment(.jobNotFound):
            status = .notFound
        case .deployment(.targetNameTaken):
            status = .alreadyExists
        case .deployment(.certificateHasNoKey), .deployment(.sharedOriginUnavailable),
            .deployment(.replaceNotSupported):
            status = .failedPrecondition
        }
        return RPCError(status, self.message, reason: self.reason)
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
