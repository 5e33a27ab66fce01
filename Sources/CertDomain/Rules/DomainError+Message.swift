import CertCrypto

extension DomainError {
    /// One sentence for the person at the other end: what happened and what to do. Never contains key
    /// material or another account's data; safe to send to the peer.
    public var message: String {
        switch self {
        case .unauthenticated:
            "The client certificate is not bound to any account."
        case .permissionDenied:
            "Your account's role does not allow this operation."
        case .accountNotFound(let id):
            "No account \(id) was found."
        case .accountAlreadyExists(let id):
            "An account \(id) already exists."
        case .clientCertificateAlreadyBound:
            "This client certificate is already bound to an account."
        case .certificateNotFound(let id):
            "No certificate \(id) was found in your inventory."
        case .nameTaken(let name):
            "Your inventory already has a certificate named \"\(name)\"; choose another name."
        case .csrNotFound(let id):
            "No certificate signing request \(id) was found in your inventory."
        case .csrKeyMismatch(let id):
            "The certificate's public key is not the one requested by \(id); upload the certificate issued for that request."
        case .csrAlreadyUsed(let id, let certificateID):
            "The key of \(id) already belongs to certificate \(certificateID)."
        case .csrHasNoKey(let id):
            "certd holds no key for the uploaded request \(id); upload the certificate together with its private key."
        case .invalidCertificate(.emptyInput(field: .privateKey)):
            // An upload without a key: the key may also come from a CSR certd holds, which
            // CertCrypto's generic "field is empty" cannot know about.
            "The private key field is empty: upload the certificate's private key, or name the CSR certd "
                + "created for it (certctl cert upload --csr ID)."
        case .invalidCertificate(let error):
            error.message
        case .keyUnavailable:
            "The stored private key could not be opened; the master key may have changed."
        case .downloadForbidden:
            "A certificate shared with you can be used and deployed but not downloaded."
        case .invalidPageToken:
            "The page token is not valid for this listing; start again without a token."
        case .invalidArgument(let field, let detail):
            "Invalid \(field): \(detail)."
        case .quotaExceeded(let required, let remaining):
            "Turning notifications on needs \(required) quota unit(s) but only \(remaining) remain: "
                + "\(required - remaining) unit(s) missing; ask an admin to add quota (certctl quota add)."
        case .renewalUnavailable(let id, let detail):
            "\(id) cannot be renewed here: \(detail)."
        case .identityNotVerified(let id):
            "Account \(id) has no verified identity; both accounts need one to share certificates."
        case .identityMismatch(let recipient):
            "Account \(recipient) is not the same verified legal entity or person as yours; certificates are shared only within one identity."
        case .siteMismatch(let recipient):
            "Account \(recipient) is on another site; china and international accounts cannot share certificates."
        case .notShareable(let id, let source):
            "\(id) is a\(source == .uploaded ? "n" : "") \(source.rawValue) certificate; only official certificates can be shared."
        case .alreadyShared(let id, let recipient):
            "\(id) is already shared with \(recipient); a certificate is shared once (unshare it first)."
        case .reshareForbidden(let id):
            "\(id) was shared with you; a shared certificate cannot be shared again."
        case .notShared(let id):
            "\(id) is not shared with any account."
        case .sharedCertificateReadOnly(let id):
            "\(id) was shared with you and is read-only; its owner manages it (you can remove it from your list)."
        case .renewalUnsupported(let id, let source):
            switch source {
            case .uploaded:
                "\(id) was uploaded, so certd cannot re-issue it; upload the renewed certificate with "
                    + "`certctl cert replace \(id)`."
            case .shared:
                "\(id) was shared with you; only its owner can renew it, and the renewal reaches you."
            case .pca, .official:
                "\(id) cannot be renewed here; re-issue it from the CA that issued it."
            }
        case .storageFull:
            "The certificate store is full; nothing was saved. Ask the operator to enlarge it."
        case .storageUnavailable:
            "The certificate store is unavailable; nothing was saved. Try again later."
        case .pcaRegionUnknown(let region, let known):
            "Region \"\(region)\" is not a private-CA region of this service; use one of: \(known.joined(separator: ", "))."
        case .pcaAuthorityNotFound(let id):
            "No private CA \(id) was found in your account."
        case .pcaCertificateNotFound(let id):
            "No private-CA certificate \(id) was found for this CA in your account."
        case .pcaWrongAuthorityKind(let id, let expected):
            expected == .root
                ? "\(id) is not a root CA; intermediates are created under a root CA."
                : "\(id) is a root CA; issue certificates from one of its intermediate CAs."
        case .pcaLeakRiskNotAccepted(let days):
            "A private-CA certificate valid for \(days) days (more than one year) raises the damage of a leaked key; "
                + "choose 365 days or less, or accept the risk explicitly (--accept-risk)."
        case .pcaCertificateRevoked(let id):
            "\(id) is revoked; a revoked certificate cannot be synced, re-issued or revoked again."
        case .pcaRootNotRevocable(let id):
            "\(id) is a root CA, and a root cannot be revoked (no CA above it publishes a CRL); revoke its "
                + "intermediate CAs instead (`certctl pca intermediate revoke`), or stop trusting the root by "
                + "removing it from your trust stores."
        case .pcaAuthorityAlreadyRevoked(let id):
            "\(id) is already revoked; revocation is final and its root's CRL already lists it."
        case .pcaAuthorityRevoked(let id):
            "Private CA \(id) is revoked and no longer issues or re-issues certificates; issue from another "
                + "(active) intermediate CA. Its CRL can still be published."
        case .deployment(let error):
            error.message
        }
    }
}
