internal import COpenSSL

/// The digest and cipher implementations CertCrypto uses on hot paths, fetched from the provider
/// once per process.
///
/// Why: with OpenSSL 3.0 every `EVP_Digest(..., EVP_sha256(), ...)` or `EVP_EncryptInit_ex(...,
/// EVP_aes_256_gcm(), ...)` fetches the implementation again by name (a string compare walk under
/// the store's read lock), which profiled as the larger part of a seal or a fingerprint. A fetched
/// `EVP_MD`/`EVP_CIPHER` skips that lookup (OpenSSL's "explicit fetching" advice).
/// Invariant: each handle is fetched after ``OpenSSLProviders/loadOnce()`` and never freed
/// (process lifetime, like the providers).
/// Isolation: `@unchecked Sendable`: fetched `EVP_MD`/`EVP_CIPHER` objects are immutable and
/// reference-counted atomically, so OpenSSL allows sharing them between threads.
final class FetchedAlgorithms: @unchecked Sendable {
    let sha256: OpaquePointer?
    let sha1: OpaquePointer?
    let aes256GCM: OpaquePointer?

    /// The process-wide handles; a failed fetch falls back to the legacy `EVP_*()` getters (correct, just slower).
    static let shared = FetchedAlgorithms()

    private init() {
        try? OpenSSLProviders.loadOnce()
        self.sha256 = EVP_MD_fetch(nil, "SHA2-256", nil) ?? EVP_sha256()
        self.sha1 = EVP_MD_fetch(nil, "SHA1", nil) ?? EVP_sha1()
        self.aes256GCM = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil) ?? EVP_aes_256_gcm()
    }
}
