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
        case .storageFull:
            "The certificate store is full; nothing was saved. Ask the operator to enlarge it."
        case .storageUnavailable:
            "The certificate store is unavailable; nothing was saved. Try again later."
        case .deployment(let error):
            error.message
        }
    }
}
