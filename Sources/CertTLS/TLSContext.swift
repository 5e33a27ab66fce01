internal import COpenSSL

/// An OpenSSL `SSL_CTX` configured once from a ``TLSConfiguration`` and shared by every connection.
///
/// Role: the factory of per-connection ``TLSConnection``s (via ``TLSHandler``).
/// Policy: TLS 1.2 minimum (1.3 preferred); forward-secret AEAD suites only (ECDHE with AES-GCM or
/// ChaCha20-Poly1305 for 1.2; the AEAD suites of 1.3, AES-128-GCM first because it is cheapest);
/// no compression, no renegotiation, no session tickets or session cache (an RPC connection is
/// long-lived, so resumption buys nothing); ALPN `certd/1` required on both sides.
/// Invariant and isolation: `@unchecked Sendable` because the wrapped `SSL_CTX` is configured
/// completely inside `init` and never mutated afterwards; OpenSSL allows concurrent `SSL_new`
/// from one unmodified `SSL_CTX`. The pointer never leaves CertTLS.
public final class TLSContext: @unchecked Sendable {
    let context: OpaquePointer
    /// The configuration it was built from (role, server name).
    public let configuration: TLSConfiguration
    /// ALPN list in wire format with one extra leading byte holding the list length (for the
    /// server's select callback, which reads it through a raw pointer while the context lives).
    private let alpnList: UnsafeMutableBufferPointer<UInt8>

    /// Builds and fully configures the `SSL_CTX`.
    /// - Parameter configuration: role, credentials, trust and peer checks.
    /// - Throws: ``TLSError/configurationFailed(operation:reason:)`` with OpenSSL's reason.
    public init(configuration: TLSConfiguration) throws(TLSError) {
        OpenSSLErrorQueue.clear()
        let method = configuration.role == .server ? TLS_server_method() : TLS_client_method()
        guard let context = SSL_CTX_new(method) else { throw Self.failure("SSL_CTX_new") }
        let protocolID = Array(configuration.applicationProtocol.utf8)
        let list = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: protocolID.count + 2)
        list[0] = UInt8(protocolID.count + 1)
        list[1] = UInt8(protocolID.count)
        _ = UnsafeMutableBufferPointer(rebasing: list[2...]).initialize(from: protocolID)
        self.context = context
        self.configuration = configuration
        self.alpnList = list
        try self.configure()
    }

    deinit {
        SSL_CTX_free(self.context)
        self.alpnList.deallocate()
    }

    private func configure() throws(TLSError) {
        let configuration = self.configuration
        let minimum = configuration.minimumVersion == .tls13 ? TLS1_3_VERSION : TLS1_2_VERSION
        guard shim_SSL_CTX_set_min_proto_version(self.context, minimum) == 1 else {
            throw Self.failure("SSL_CTX_set_min_proto_version")
        }
        let options =
            shim_SSL_OP_NO_COMPRESSION() | shim_SSL_OP_NO_RENEGOTIATION() | shim_SSL_OP_NO_TICKET()
            | shim_SSL_OP_CIPHER_SERVER_PREFERENCE()
        SSL_CTX_set_options(self.context, options)
        _ = SSL_CTX_set_num_tickets(self.context, 0)
        _ = shim_SSL_CTX_set_session_cache_mode(self.context, shim_SSL_SESS_CACHE_OFF())
        let tls12Ciphers =
            "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
            + "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"
        guard SSL_CTX_set_cipher_list(self.context, tls12Ciphers) == 1 else {
            throw Self.failure("SSL_CTX_set_cipher_list")
        }
        let tls13Suites = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"
        guard SSL_CTX_set_ciphersuites(self.context, tls13Suites) == 1 else {
            throw Self.failure("SSL_CTX_set_ciphersuites")
        }
        guard shim_SSL_CTX_set1_groups_list(self.context, "X25519:P-256:P-384") == 1 else {
            throw Self.failure("SSL_CTX_set1_groups_list")
        }
        if let chain = configuration.certificateChain {
            try self.useCertificateChain(chain)
        }
        if let key = configuration.privateKey {
            try self.usePrivateKey(key)
            guard SSL_CTX_check_private_key(self.context) == 1 else { throw Self.failure("SSL_CTX_check_private_key") }
        }
        try self.trust(configuration.trustedCA, advertiseToClients: configuration.role == .server)
        var mode = SSL_VERIFY_PEER
        if configuration.role == .server && configuration.peerVerification == .required {
            mode |= SSL_VERIFY_FAIL_IF_NO_PEER_CERT
        }
        SSL_CTX_set_verify(self.context, mode, nil)
        switch configuration.role {
        case .server:
            shim_SSL_CTX_set_alpn_select_required(self.context, self.alpnList.baseAddress)
        case .client:
            // An empty protocol means this client offers no ALPN (SMTP).
            guard !configuration.applicationProtocol.isEmpty else { break }
            // Note the inverted convention: SSL_CTX_set_alpn_protos returns 0 on success.
            let wire = UnsafeBufferPointer(rebasing: self.alpnList[1...])
            guard SSL_CTX_set_alpn_protos(self.context, wire.baseAddress, UInt32(wire.count)) == 0 else {
                throw Self.failure("SSL_CTX_set_alpn_protos")
            }
        }
    }

    private func useCertificateChain(_ source: TLSConfiguration.PEMSource) throws(TLSError) {
        let certificates = try Self.readCertificates(source, operation: "read certificate chain")
        defer { certificates.forEach { X509_free($0) } }
        guard let leaf = certificates.first else {
            throw .configurationFailed(operation: "read certificate chain", reason: "no certificate in \(source)")
        }
        guard SSL_CTX_use_certificate(self.context, leaf) == 1 else { throw Self.failure("SSL_CTX_use_certificate") }
        for intermediate in certificates.dropFirst() {
            guard shim_SSL_CTX_add1_chain_cert(self.context, intermediate) == 1 else {
                throw Self.failure("SSL_CTX_add1_chain_cert")
            }
        }
    }

    private func usePrivateKey(_ source: TLSConfiguration.PEMSource) throws(TLSError) {
        let bio = try Self.makeBIO(source, operation: "read private key")
        defer { BIO_free(bio) }
        guard let key = PEM_read_bio_PrivateKey(bio, nil, nil, nil) else {
            throw Self.failure("PEM_read_bio_PrivateKey")
        }
        defer { EVP_PKEY_free(key) }
        guard SSL_CTX_use_PrivateKey(self.context, key) == 1 else { throw Self.failure("SSL_CTX_use_PrivateKey") }
    }

    private func trust(_ source: TLSConfiguration.PEMSource, advertiseToClients: Bool) throws(TLSError) {
        let certificates = try Self.readCertificates(source, operation: "read trusted CA")
        defer { certificates.forEach { X509_free($0) } }
        guard !certificates.isEmpty else {
            throw .configurationFailed(operation: "read trusted CA", reason: "no certificate in \(source)")
        }
        let store = SSL_CTX_get_cert_store(self.context)
        for certificate in certificates {
            guard X509_STORE_add_cert(store, certificate) == 1 else { throw Self.failure("X509_STORE_add_cert") }
            // The server names the CAs it accepts, so a client with several identities picks right.
            if advertiseToClients && SSL_CTX_add_client_CA(self.context, certificate) != 1 {
                throw Self.failure("SSL_CTX_add_client_CA")
            }
        }
    }

    /// Reads every PEM certificate from `source`, in order. The caller frees them.
    private static func readCertificates(
        _ source: TLSConfiguration.PEMSource,
        operation: String
    ) throws(TLSError) -> [OpaquePointer] {
        let bio = try self.makeBIO(source, operation: operation)
        defer { BIO_free(bio) }
        var certificates: [OpaquePointer] = []
        while let certificate = PEM_read_bio_X509(bio, nil, nil, nil) {
            certificates.append(certificate)
        }
        // Reading to the end leaves "no start line" on the queue; that is the normal stop.
        OpenSSLErrorQueue.clear()
        return certificates
    }

    private static func makeBIO(_ source: TLSConfiguration.PEMSource, operation: String) throws(TLSError)
        -> OpaquePointer
    {
        switch source {
        case .file(let path):
            guard let bio = BIO_new_file(path, "r") else {
                throw .configurationFailed(
                    operation: operation, reason: "cannot open \(path): \(OpenSSLErrorQueue.drain().text)")
            }
            return bio
        case .pem(let text):
            guard let bio = BIO_new(BIO_s_mem()) else { throw self.failure("BIO_new") }
            let utf8 = Array(text.utf8)
            let written = utf8.withUnsafeBytes { BIO_write(bio, $0.baseAddress, Int32($0.count)) }
            guard written == utf8.count else {
                BIO_free(bio)
                throw self.failure("BIO_write")
            }
            return bio
        }
    }

    private static func failure(_ operation: String) -> TLSError {
        .configurationFailed(operation: operation, reason: OpenSSLErrorQueue.drain().text)
    }
}
