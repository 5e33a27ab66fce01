internal import COpenSSL

/// The operating system's publicly trusted root CAs (Debian's ca-certificates bundle), loaded once.
///
/// Role: decides whether an uploaded certificate chains to a public CA or to a private one (issue 6's
/// leak-risk warning applies only to private issuers). Expiry is ignored on purpose: an expired
/// public certificate is still publicly issued, and expiry has its own status.
/// Invariant: the `X509_STORE` is filled in `init` and never modified afterwards.
/// Isolation: `@unchecked Sendable`: OpenSSL 3's `X509_STORE` is internally locked and is only read
/// after `init` (each verification uses its own `X509_STORE_CTX`).
public final class SystemTrustStore: @unchecked Sendable {
    /// Debian's bundle of every root the ca-certificates package trusts.
    public static let defaultBundlePath = "/etc/ssl/certs/ca-certificates.crt"

    /// The system store, loaded on first use; nil when the bundle is missing or unreadable (then every
    /// issuer counts as private, which only adds warnings).
    public static let system: SystemTrustStore? = try? SystemTrustStore(bundlePath: defaultBundlePath)

    private let store: OpaquePointer
    /// How many certificates the bundle held.
    public let rootCount: Int

    /// Loads a PEM bundle of trusted roots.
    /// - Parameter bundlePath: a file of concatenated PEM certificates.
    /// - Throws: ``CertificateError/cryptoFailure(operation:diagnostics:)`` when it cannot be read or holds
    ///   no certificate.
    public init(bundlePath: String) throws(CertificateError) {
        try OpenSSLProviders.require()
        OpenSSLError.clearQueue()
        guard let store = X509_STORE_new() else { preconditionFailure("X509_STORE_new: out of memory") }
        guard X509_STORE_load_file(store, bundlePath) == 1 else {
            X509_STORE_free(store)
            throw .cryptoFailure(
                operation: "X509_STORE_load_file(\(bundlePath))",
                diagnostics: OpenSSLError.drain(after: "X509_STORE_load_file"))
        }
        let objects = X509_STORE_get0_objects(store)
        let count = Int(OPENSSL_sk_num(objects))
        guard count > 0 else {
            X509_STORE_free(store)
            throw .cryptoFailure(operation: "X509_STORE_load_file(\(bundlePath)): no certificates", diagnostics: nil)
        }
        self.store = store
        self.rootCount = count
    }

    deinit {
        X509_STORE_free(self.store)
    }

    /// Whether `chain` (leaf first, then any intermediates, in any order) verifies up to a root of
    /// this store, ignoring validity dates.
    /// - Parameter chain: the leaf and the intermediates supplied with it; empty is never trusted.
    /// - Returns: true for a publicly trusted issuer.
    public func isTrusted(_ chain: [Certificate]) -> Bool {
        guard let leaf = chain.first else { return false }
        defer { OpenSSLError.clearQueue() }
        guard let context = X509_STORE_CTX_new() else { return false }
        defer { X509_STORE_CTX_free(context) }
        guard let untrusted = OPENSSL_sk_new_null() else { return false }
        defer { OPENSSL_sk_free(untrusted) }
        // The stack borrows the handles: the Certificate values outlive this call.
        for certificate in chain.dropFirst() {
            OPENSSL_sk_push(untrusted, UnsafeRawPointer(certificate.handle.pointer))
        }
        guard X509_STORE_CTX_init(context, self.store, leaf.handle.pointer, untrusted) == 1 else { return false }
        X509_STORE_CTX_set_flags(context, UInt(X509_V_FLAG_NO_CHECK_TIME))
        return X509_verify_cert(context) == 1
    }
}
