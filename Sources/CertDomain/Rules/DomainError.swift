public import CertCrypto

/// Outcomes the domain reports to callers: expected business failures, not bugs.
///
/// Role: the one error type of the domain actors; `CertServer` maps each case to a wire status and
/// sends ``reason`` as the machine-readable code. Denied access to someone else's entry is reported
/// as the matching `...NotFound` case, so a caller learns nothing about entries it may not see.
/// Isolation: a plain value.
public enum DomainError: Error, Equatable, Sendable {
    /// The client certificate is bound to no account.
    case unauthenticated
    /// The caller's role does not allow the operation (used only where the target's existence is
    /// not secret, e.g. a user calling an admin-only operation).
    case permissionDenied
    case accountNotFound(id: AccountID)
    case accountAlreadyExists(id: AccountID)
    /// A client-certificate fingerprint is already bound to an account.
    case clientCertificateAlreadyBound(fingerprint: String)
    case certificateNotFound(id: CertificateID)
    /// The account already has an entry with this name.
    case nameTaken(name: String)
    case csrNotFound(id: CSRID)
    /// The certificate's public key is not the CSR's.
    case csrKeyMismatch(csrID: CSRID)
    /// The CSR's key already went to another certificate entry.
    case csrAlreadyUsed(csrID: CSRID, certificateID: CertificateID)
    /// The CSR was uploaded, so certd holds no key for it; upload the certificate with its key.
    case csrHasNoKey(csrID: CSRID)
    /// The certificate, key, chain or CSR was refused by CertCrypto.
    case invalidCertificate(CertificateError)
    /// A sealed key could not be opened (wrong master key or damaged record) or sealing failed.
    case keyUnavailable(SealingError)
    /// Shared entries never hand out their keys (issue 6).
    case downloadForbidden(id: CertificateID)
    /// A page token that this service did not issue for this sort order.
    case invalidPageToken
    /// A parameter is out of range or malformed; `field` names it.
    case invalidArgument(field: String, detail: String)
    /// Switching notifications on needs `required` quota units but only `remaining` are left (issue 7).
    case quotaExceeded(required: Int, remaining: Int)
    /// certd has no issuer wired for this certificate's source.
    case renewalUnavailable(id: CertificateID, detail: String)
    /// Sharing (issue 6): an account involved has no verified identity.
    case identityNotVerified(accountID: AccountID)
    /// Sharing: the recipient is not the same verified legal entity or person as the owner.
    case identityMismatch(recipient: AccountID)
    /// Sharing: the accounts are on different sites (china and international cannot share).
    case siteMismatch(recipient: AccountID)
    /// Sharing: only official certificates can be shared; `source` is the entry's.
    case notShareable(id: CertificateID, source: CertificateSource)
    /// Sharing: the certificate is already shared (a certificate is shared once).
    case alreadyShared(id: CertificateID, recipient: AccountID)
    /// Sharing: a certificate shared with the caller cannot be shared on.
    case reshareForbidden(id: CertificateID)
    /// Unsharing a certificate that is not shared.
    case notShared(id: CertificateID)
    /// A certificate shared with the caller is read-only: the owner keeps its lifecycle.
    case sharedCertificateReadOnly(id: CertificateID)
    /// Renewal is only for certificates the service issued; `source` tells which kind this is
    /// (uploaded: replace it; shared: its owner renews it).
    case renewalUnsupported(id: CertificateID, source: CertificateSource)
    /// The store is full; nothing was written.
    case storageFull
    /// The store failed; nothing was written. Details go to logs, never to peers.
    case storageUnavailable
    /// The region is not one of the service's configured private-CA regions.
    case pcaRegionUnknown(region: String, known: [String])
    /// No private CA with this id belongs to the caller.
    case pcaAuthorityNotFound(id: PrivateCAID)
    /// No private-CA certificate with this id belongs to the caller (or to the named CA).
    case pcaCertificateNotFound(id: PCACertificateID)
    /// The operation needs a CA of another kind (intermediates are created under roots; leaves are
    /// issued by intermediates).
    case pcaWrongAuthorityKind(id: PrivateCAID, expected: PrivateCA.Kind)
    /// A private-CA leaf valid for more than 365 days was requested without accepting the leak risk.
    case pcaLeakRiskNotAccepted(validityDays: Int)
    /// The private-CA certificate is revoked, so it cannot be synced, re-issued or revoked again.
    case pcaCertificateRevoked(id: PCACertificateID)
    /// Only intermediates can be revoked: nothing above a root signs a CRL that could list it.
    case pcaRootNotRevocable(id: PrivateCAID)
    /// The intermediate CA was revoked before; revocation is final and happens once.
    case pcaAuthorityAlreadyRevoked(id: PrivateCAID)
    /// The intermediate CA is revoked, so it no longer issues or re-issues certificates.
    case pcaAuthorityRevoked(id: PrivateCAID)
    /// Deployment targets, jobs and certificate replacement (issue 7).
    case deployment(DeploymentError)

    /// Stable camelCase code for programs (crypto errors keep CertCrypto's reason).
    public var reason: String {
        switch self {
        case .unauthenticated: "unauthenticated"
        case .permissionDenied: "permissionDenied"
        case .accountNotFound, .certificateNotFound, .csrNotFound: "notFound"
        case .accountAlreadyExists, .clientCertificateAlreadyBound: "alreadyExists"
        case .nameTaken: "nameTaken"
        case .csrKeyMismatch: "keyMismatch"
        case .csrAlreadyUsed: "csrAlreadyUsed"
        case .csrHasNoKey: "csrHasNoKey"
        case .invalidCertificate(let error): error.reason
        case .keyUnavailable: "keyUnavailable"
        case .downloadForbidden: "downloadForbidden"
        case .invalidPageToken: "invalidPageToken"
        case .invalidArgument: "invalidArgument"
        case .quotaExceeded: "quotaExceeded"
        case .renewalUnavailable: "renewalUnavailable"
        case .identityNotVerified: "identityNotVerified"
        case .identityMismatch: "identityMismatch"
        case .siteMismatch: "siteMismatch"
        case .notShareable: "notShareable"
        case .alreadyShared: "alreadyShared"
        case .reshareForbidden: "reshareForbidden"
        case .notShared: "notShared"
        case .sharedCertificateReadOnly: "sharedReadOnly"
        case .renewalUnsupported: "renewalUnsupported"
        case .storageFull: "storageFull"
        case .storageUnavailable: "unavailable"
        case .pcaRegionUnknown: "regionUnknown"
        case .pcaAuthorityNotFound, .pcaCertificateNotFound: "notFound"
        case .pcaWrongAuthorityKind: "wrongAuthorityKind"
        case .pcaLeakRiskNotAccepted: "leakRiskNotAccepted"
        case .pcaCertificateRevoked: "certificateRevoked"
        case .pcaRootNotRevocable: "rootNotRevocable"
        case .pcaAuthorityAlreadyRevoked: "authorityAlreadyRevoked"
        case .pcaAuthorityRevoked: "authorityRevoked"
        case .deployment(let error): error.reason
        }
    }

    /// Maps whatever a store or crypto call threw into a domain error.
    static func wrap(_ error: any Error) -> DomainError {
        switch error {
        case let error as DomainError: error
        case let error as CertificateError: .invalidCertificate(error)
        case let error as SealingError: .keyUnavailable(error)
        case InventoryStoreError.storageFull: .storageFull
        case InventoryStoreError.duplicateKey(.certificateName(_, let name)): .nameTaken(name: name)
        case InventoryStoreError.duplicateKey(.clientCertificateFingerprint(let fingerprint)):
            .clientCertificateAlreadyBound(fingerprint: fingerprint)
        default: .storageUnavailable
        }
    }
}
