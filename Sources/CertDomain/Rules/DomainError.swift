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
    /// The store is full; nothing was written.
    case storageFull
    /// The store failed; nothing was written. Details go to logs, never to peers.
    case storageUnavailable
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
        case .storageFull: "storageFull"
        case .storageUnavailable: "unavailable"
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
