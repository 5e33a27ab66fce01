import CertCrypto
import CertDomain
import CertWire
import Testing

@testable import CertServer

/// The one mapping table, case by case: status, reason, and no internal detail in messages.
@Suite struct WireStatusMappingTests {
    @Test(arguments: [
        (DomainError.unauthenticated, WireStatus.unauthenticated, "unknownClientCertificate"),
        (.permissionDenied, .permissionDenied, "permissionDenied"),
        (.accountNotFound(id: AccountID(rawValue: "x")), .notFound, "notFound"),
        (.certificateNotFound(id: CertificateID(rawValue: "x")), .notFound, "notFound"),
        (.csrNotFound(id: CSRID(rawValue: "x")), .notFound, "notFound"),
        (.accountAlreadyExists(id: AccountID(rawValue: "x")), .alreadyExists, "alreadyExists"),
        (.clientCertificateAlreadyBound(fingerprint: "ab"), .alreadyExists, "alreadyExists"),
        (.nameTaken(name: "x"), .alreadyExists, "nameTaken"),
        (.csrKeyMismatch(csrID: CSRID(rawValue: "x")), .invalidArgument, "keyMismatch"),
        (
            .csrAlreadyUsed(csrID: CSRID(rawValue: "x"), certificateID: CertificateID(rawValue: "y")),
            .failedPrecondition, "csrAlreadyUsed"
        ),
        (.csrHasNoKey(csrID: CSRID(rawValue: "x")), .failedPrecondition, "csrHasNoKey"),
        (.invalidCertificate(.emptyInput(field: .certificate)), .invalidArgument, "emptyInput"),
        (.invalidCertificate(.chainBroken(subject: "a", missingIssuer: "b")), .invalidArgument, "chainBroken"),
        (
            .invalidCertificate(.unsupportedAlgorithm(field: .privateKey, algorithm: "DSA")), .invalidArgument,
            "unsupportedAlgorithm"
        ),
        (.invalidCertificate(.cryptoFailure(operation: "EVP_x", diagnostics: nil)), .internal, "cryptoFailure"),
        (.downloadForbidden(id: CertificateID(rawValue: "x")), .permissionDenied, "downloadForbidden"),
        (.invalidPageToken, .invalidArgument, "invalidPageToken"),
        (.invalidArgument(field: "f", detail: "d"), .invalidArgument, "invalidArgument"),
        (.storageFull, .resourceExhausted, "storageFull"),
        (.storageUnavailable, .unavailable, "unavailable"),
        (.pcaRootNotRevocable(id: PrivateCAID(rawValue: "pca-1")), .failedPrecondition, "rootNotRevocable"),
        (
            .pcaAuthorityAlreadyRevoked(id: PrivateCAID(rawValue: "pca-1")), .failedPrecondition,
            "authorityAlreadyRevoked"
        ),
        (.pcaAuthorityRevoked(id: PrivateCAID(rawValue: "pca-1")), .failedPrecondition, "authorityRevoked"),
    ])
    func domainErrorMapsToStatusAndReason(error: DomainError, status: WireStatus, reason: String) {
        let wire = RPCError(from: error)
        #expect(wire.status == status)
        #expect(wire.reason == reason)
        #expect(!wire.message.isEmpty)
        #expect(!wire.message.contains("EVP_"))
    }

    @Test func keyStoreErrorsMapToInvalidArgumentWithAStablePasswordReason() {
        #expect(RPCError(from: KeyStoreError.wrongPassword).reason == "wrongPassphrase")
        #expect(RPCError(from: KeyStoreError.wrongKeyPassword(alias: "a")).reason == "wrongPassphrase")
        #expect(RPCError(from: KeyStoreError.emptyInput).status == .invalidArgument)
        #expect(RPCError(from: KeyStoreError.tooLarge(size: 9, limit: 1)).reason == "tooLarge")
    }

    @Test func unknownErrorsAreInternalAndPassThroughRPCErrorsUnchanged() {
        struct Surprise: Error {}
        let wire = RPCError(from: Surprise())
        #expect(wire.status == .internal)
        #expect(wire.message == RPCError.unexpectedErrorMessage)
        let explicit = RPCError(.deadlineExceeded, "late", reason: "slow")
        #expect(RPCError(from: explicit) == explicit)
    }
}
