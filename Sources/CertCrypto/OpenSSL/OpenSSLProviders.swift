internal import COpenSSL
import Synchronization

/// Loads OpenSSL's `default` and `legacy` providers once per process and keeps them loaded.
///
/// Why both: reading old PKCS#12 files (RC2-40, 3DES) needs `legacy`, and loading only `legacy`
/// switches the implicit default provider off, which breaks everything, TLS included (shared notes
/// §4). Call ``loadOnce()`` before any other CertCrypto work; CertCrypto's entry points do.
/// Isolation: a process-wide `Mutex`; the provider handles live until exit on purpose.
public enum OpenSSLProviders {
    private static let state = Mutex<Result<Void, OpenSSLError>?>(nil)

    /// Loads both providers the first time; later calls return the first outcome.
    /// - Throws: ``OpenSSLError`` when either provider cannot be loaded.
    public static func loadOnce() throws(OpenSSLError) {
        let result = self.state.withLock { state -> Result<Void, OpenSSLError> in
            if let state { return state }
            let outcome: Result<Void, OpenSSLError>
            if OSSL_PROVIDER_load(nil, "default") == nil {
                outcome = .failure(OpenSSLError.drain(after: "OSSL_PROVIDER_load(default)"))
            } else if OSSL_PROVIDER_load(nil, "legacy") == nil {
                outcome = .failure(OpenSSLError.drain(after: "OSSL_PROVIDER_load(legacy)"))
            } else {
                outcome = .success(())
            }
            state = outcome
            return outcome
        }
        try result.get()
    }
}
