import CertDomain
import CertWire
import Testing

@testable import CertServer

/// The wire status and stable reason of each official/sharing refusal (issue 6).
@Suite struct SharingErrorMappingTests {
    @Test(arguments: [
        (
            DomainError.identityNotVerified(accountID: AccountID(rawValue: "a")), WireStatus.failedPrecondition,
            "identityNotVerified"
        ),
        (.identityMismatch(recipient: AccountID(rawValue: "a")), .failedPrecondition, "identityMismatch"),
        (.siteMismatch(recipient: AccountID(rawValue: "a")), .failedPrecondition, "siteMismatch"),
        (.notShareable(id: CertificateID(rawValue: "x"), source: .uploaded), .failedPrecondition, "notShareable"),
        (.notShareable(id: CertificateID(rawValue: "x"), source: .pca), .failedPrecondition, "notShareable"),
        (
            .alreadyShared(id: CertificateID(rawValue: "x"), recipient: AccountID(rawValue: "a")), .alreadyExists,
            "alreadyShared"
        ),
        (.reshareForbidden(id: CertificateID(rawValue: "x")), .permissionDenied, "reshareForbidden"),
        (.notShared(id: CertificateID(rawValue: "x")), .failedPrecondition, "notShared"),
        (.sharedCertificateReadOnly(id: CertificateID(rawValue: "x")), .permissionDenied, "sharedReadOnly"),
        (
            .renewalUnsupported(id: CertificateID(rawValue: "x"), source: .uploaded), .failedPrecondition,
            "renewalUnsupported"
        ),
    ])
    func mapsToStatusAndReason(error: DomainError, status: WireStatus, reason: String) {
        let wire = RPCError(from: error)
        #expect(wire.status == status)
        #expect(wire.reason == reason)
        #expect(!wire.message.isEmpty)
    }

    @Test func renewingAnUploadedCertificatePointsToReplace() {
        let error = DomainError.renewalUnsupported(id: CertificateID(rawValue: "cert-1"), source: .uploaded)
        #expect(RPCError(from: error).message.contains("certctl cert replace"))
    }
}
