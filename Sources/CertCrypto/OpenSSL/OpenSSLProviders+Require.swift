extension OpenSSLProviders {
    /// ``loadOnce()`` for CertCrypto's entry points, reported as a ``CertificateError``.
    /// - Throws: ``CertificateError/cryptoFailure(operation:diagnostics:)`` when a provider cannot load.
    static func require() throws(CertificateError) {
        do {
            try self.loadOnce()
        } catch {
            throw .cryptoFailure(operation: "OSSL_PROVIDER_load", diagnostics: error)
        }
    }
}
