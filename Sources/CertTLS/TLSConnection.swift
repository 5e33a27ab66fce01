internal import COpenSSL
import NIOCore

/// One TLS session: an OpenSSL `SSL` plus the two memory BIOs it reads from and writes to.
///
/// Role: the synchronous engine inside ``TLSHandler``. Ciphertext from the network is fed into
/// the read BIO; ciphertext OpenSSL produces is drained from the write BIO and sent by the handler.
/// Invariant: the `SSL` owns both BIOs (freed by `SSL_free` in `deinit`); every OpenSSL error is
/// drained into a ``TLSError`` in the same synchronous stretch as the failing call.
/// Isolation: not `Sendable`; owned by one channel's event loop.
final class TLSConnection {
    /// Outcome of a handshake step.
    enum HandshakeResult {
        case complete(TLSHandshakeCompleted)
        case wantRead
        case failed(TLSError)
    }

    /// Outcome of reading all plaintext the fed ciphertext holds.
    enum ReadResult {
        /// Everything available was read; more ciphertext is needed.
        case wantRead
        /// The peer sent close_notify.
        case closeNotify
        case failed(TLSError)
    }

    private let ssl: OpaquePointer
    private let readBIO: OpaquePointer
    private let writeBIO: OpaquePointer
    /// Keeps the `SSL_CTX` alive for as long as the `SSL` made from it.
    private let context: TLSContext

    /// - Parameters:
    ///   - context: the shared, configured context.
    ///   - serverName: client only: the name (or IP literal) this connection's server must carry,
    ///     overriding the context's ``TLSConfiguration/serverName``; nil keeps the context's.
    /// - Throws: ``TLSError/configurationFailed(operation:reason:)`` when OpenSSL cannot allocate.
    init(context: TLSContext, serverName: String? = nil) throws(TLSError) {
        OpenSSLErrorQueue.clear()
        guard let ssl = SSL_new(context.context) else {
            throw .configurationFailed(operation: "SSL_new", reason: OpenSSLErrorQueue.drain().text)
        }
        guard let readBIO = BIO_new(BIO_s_mem()), let writeBIO = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw .configurationFailed(operation: "BIO_new", reason: OpenSSLErrorQueue.drain().text)
        }
        SSL_set_bio(ssl, readBIO, writeBIO)
        self.ssl = ssl
        self.readBIO = readBIO
        self.writeBIO = writeBIO
        self.context = context
        let configuration = context.configuration
        switch configuration.role {
        case .server:
            SSL_set_accept_state(ssl)
        case .client:
            SSL_set_connect_state(ssl)
            if let name = serverName ?? configuration.serverName {
                try self.expectServerName(name)
            }
        }
    }

    deinit {
        SSL_free(self.ssl)
    }

    private func expectServerName(_ name: String) throws(TLSError) {
        if Self.isIPLiteral(name) {
            guard X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(self.ssl), name) == 1 else {
                throw .configurationFailed(
                    operation: "X509_VERIFY_PARAM_set1_ip_asc", reason: OpenSSLErrorQueue.drain().text)
            }
        } else {
            guard shim_SSL_set_tlsext_host_name(self.ssl, name) == 1, SSL_set1_host(self.ssl, name) == 1 else {
                throw .configurationFailed(operation: "SSL_set1_host", reason: OpenSSLErrorQueue.drain().text)
            }
        }
    }

    private static func isIPLiteral(_ name: String) -> Bool {
        name.contains(":") || (!name.isEmpty && name.allSatisfy { $0 == "." || $0.isNumber })
    }

    /// Hands ciphertext from the network to OpenSSL.
    func feed(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { raw in
            var offset = 0
            while offset < raw.count {
                // A memory BIO grows as needed, so a write only stops short on allocation failure.
                let written = BIO_write(
                    self.readBIO, raw.baseAddress! + offset, Int32(min(raw.count - offset, Int(Int32.max))))
                if written <= 0 { break }
                offset += Int(written)
            }
        }
    }

    /// Advances the handshake with whatever ciphertext has been fed.
    func handshake() -> HandshakeResult {
        OpenSSLErrorQueue.clear()
        let result = SSL_do_handshake(self.ssl)
        if result == 1 {
            return self.completeHandshake()
        }
        let error = SSL_get_error(self.ssl, result)
        if error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE {
            return .wantRead
        }
        return .failed(.handshakeFailed(reason: self.failureReason(includeVerifyResult: true)))
    }

    private func completeHandshake() -> HandshakeResult {
        var protocolPointer: UnsafePointer<UInt8>?
        var protocolLength: UInt32 = 0
        SSL_get0_alpn_selected(self.ssl, &protocolPointer, &protocolLength)
        var applicationProtocol: String?
        if let protocolPointer {
            applicationProtocol = String(
                decoding: UnsafeBufferPointer(start: protocolPointer, count: Int(protocolLength)), as: UTF8.self)
        }
        let expected = self.context.configuration.applicationProtocol
        let isAbsenceAccepted = !self.context.configuration.isApplicationProtocolRequired && applicationProtocol == nil
        guard applicationProtocol == expected || isAbsenceAccepted else {
            return .failed(.handshakeFailed(reason: "peer did not negotiate ALPN \(expected)"))
        }
        var peer: TLSPeerCertificate?
        if let certificate = SSL_get1_peer_certificate(self.ssl) {
            defer { X509_free(certificate) }
            peer = Self.describe(certificate)
        }
        let version = String(cString: SSL_get_version(self.ssl))
        let cipher = SSL_get_current_cipher(self.ssl).map { String(cString: SSL_CIPHER_get_name($0)) } ?? ""
        return .complete(
            TLSHandshakeCompleted(
                peer: peer, protocolVersion: version, cipher: cipher, applicationProtocol: applicationProtocol)
        )
    }

    /// Reads all plaintext out of the fed ciphertext, appending it to `plaintext`.
    func read(into plaintext: inout ByteBuffer) -> ReadResult {
        OpenSSLErrorQueue.clear()
        while true {
            var readCount = 0
            var status: Int32 = 0
            plaintext.writeWithUnsafeMutableBytes(minimumWritableBytes: 16_384) { raw in
                status = SSL_read_ex(self.ssl, raw.baseAddress, raw.count, &readCount)
                return status == 1 ? readCount : 0
            }
            if status == 1 { continue }
            switch SSL_get_error(self.ssl, status) {
            case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
                return .wantRead
            case SSL_ERROR_ZERO_RETURN:
                return .closeNotify
            default:
                let drained = OpenSSLErrorQueue.drain()
                return .failed(
                    drained.containsPeerAlert ? .alertReceived(reason: drained.text) : .readFailed(reason: drained.text)
                )
            }
        }
    }

    /// Encrypts `plaintext`; the records land in the write BIO.
    func write(_ plaintext: ByteBuffer) -> TLSError? {
        guard plaintext.readableBytes > 0 else { return nil }
        OpenSSLErrorQueue.clear()
        return plaintext.withUnsafeReadableBytes { raw -> TLSError? in
            var written = 0
            // Memory BIOs never return WANT_WRITE, so one call writes everything or fails.
            guard SSL_write_ex(self.ssl, raw.baseAddress, raw.count, &written) == 1, written == raw.count else {
                return .writeFailed(reason: OpenSSLErrorQueue.drain().text)
            }
            return nil
        }
    }

    /// Queues close_notify in the write BIO.
    func shutdown() {
        OpenSSLErrorQueue.clear()
        _ = SSL_shutdown(self.ssl)
        OpenSSLErrorQueue.clear()
    }

    /// Moves every byte OpenSSL produced out of the write BIO, or returns `nil` when there is none.
    func drainCiphertext(allocator: ByteBufferAllocator) -> ByteBuffer? {
        let pending = shim_BIO_ctrl_pending(self.writeBIO)
        guard pending > 0 else { return nil }
        var buffer = allocator.buffer(capacity: Int(pending))
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: Int(pending)) { raw in
            Int(max(0, BIO_read(self.writeBIO, raw.baseAddress, Int32(pending))))
        }
        return buffer
    }

    private func failureReason(includeVerifyResult: Bool) -> String {
        var reason = OpenSSLErrorQueue.drain().text
        if includeVerifyResult {
            let verify = SSL_get_verify_result(self.ssl)
            if verify != X509_V_OK {
                reason += " (verify: \(String(cString: X509_verify_cert_error_string(verify))))"
            }
        }
        return reason
    }

    /// Subject, common name and fingerprint of a certificate.
    private static func describe(_ certificate: OpaquePointer) -> TLSPeerCertificate {
        let name = X509_get_subject_name(certificate)
        var subject = ""
        if let bio = BIO_new(BIO_s_mem()) {
            defer { BIO_free(bio) }
            if X509_NAME_print_ex(bio, name, 0, shim_XN_FLAG_RFC2253()) >= 0 {
                var data: UnsafeMutablePointer<CChar>?
                let length = shim_BIO_get_mem_data(bio, &data)
                if let data, length > 0 {
                    subject = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
                }
            }
        }
        var commonName: String?
        let index = X509_NAME_get_index_by_NID(name, NID_commonName, -1)
        if index >= 0, let entry = X509_NAME_get_entry(name, index), let data = X509_NAME_ENTRY_get_data(entry) {
            var utf8: UnsafeMutablePointer<UInt8>?
            let length = ASN1_STRING_to_UTF8(&utf8, data)
            if length >= 0, let utf8 {
                commonName = String(decoding: UnsafeBufferPointer(start: utf8, count: Int(length)), as: UTF8.self)
                shim_OPENSSL_free(utf8)
            }
        }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var digestLength: UInt32 = 0
        _ = X509_digest(certificate, EVP_sha256(), &digest, &digestLength)
        let hexDigits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(Int(digestLength) * 2)
        for byte in digest.prefix(Int(digestLength)) {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        var der: [UInt8] = []
        var derPointer: UnsafeMutablePointer<UInt8>?
        let derLength = i2d_X509(certificate, &derPointer)
        if derLength > 0, let derPointer {
            der = Array(UnsafeBufferPointer(start: derPointer, count: Int(derLength)))
            shim_OPENSSL_free(derPointer)
        }
        OpenSSLErrorQueue.clear()
        return TLSPeerCertificate(
            subject: subject,
            commonName: commonName,
            fingerprintSHA256: String(decoding: hex, as: UTF8.self),
            der: der
        )
    }
}
