internal import COpenSSL
import Foundation
import Glibc

/// Connects to a TLS endpoint and reads the leaf certificate it serves, without judging it.
///
/// Role: deployment verification ("does the endpoint now serve what we deployed?"). It does not
/// verify the chain, the name or the dates on purpose: a self-signed or expired certificate is
/// still an answer to compare. It never sends application data.
/// Invariants: every socket, `SSL` and `SSL_CTX` is freed before ``fetch(host:port:serverName:timeoutMilliseconds:)``
/// returns; OpenSSL pointers never leave this file.
/// Isolation: a namespace; the blocking connect and handshake run on a thread of their own (not a
/// shared pool, which blocking calls could starve), so the caller's task only waits.
public enum TLSLeafProbe {
    /// The leaf an endpoint served.
    public struct Leaf: Sendable, Hashable {
        /// The certificate, DER.
        public var der: [UInt8]
        /// SHA-256 of `der`, lowercase hex.
        public var fingerprintSHA256: String
    }

    /// Why no leaf was read.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The name did not resolve.
        case unresolvable(host: String)
        /// Nothing accepted the TCP connection in time.
        case connectFailed(reason: String)
        /// The TLS handshake failed (OpenSSL's words).
        case handshakeFailed(reason: String)

        public var description: String {
            switch self {
            case .unresolvable(let host): "cannot resolve \(host)"
            case .connectFailed(let reason): "cannot connect: \(reason)"
            case .handshakeFailed(let reason): "TLS handshake failed: \(reason)"
            }
        }
    }

    /// Reads the leaf `host:port` serves.
    /// - Parameters:
    ///   - host: a DNS name or IP literal.
    ///   - port: the TCP port.
    ///   - serverName: the SNI name to send; nil or empty sends none.
    ///   - timeoutMilliseconds: the bound on connecting and on each handshake read or write.
    /// - Returns: the leaf, or why none was read.
    public static func fetch(host: String, port: Int, serverName: String?, timeoutMilliseconds: Int = 5000) async
        -> Result<Leaf, Failure>
    {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    returning: Self.fetchBlocking(
                        host: host, port: port, serverName: serverName, timeoutMilliseconds: timeoutMilliseconds))
            }
            thread.name = "certd-tls-probe"
            thread.start()
        }
    }

    static func fetchBlocking(host: String, port: Int, serverName: String?, timeoutMilliseconds: Int)
        -> Result<Leaf, Failure>
    {
        let socket: Int32
        switch self.connect(host: host, port: port, timeoutMilliseconds: timeoutMilliseconds) {
        case .success(let descriptor): socket = descriptor
        case .failure(let failure): return .failure(failure)
        }
        defer { close(socket) }
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            return .failure(.handshakeFailed(reason: OpenSSLErrorQueue.drain().text))
        }
        defer { SSL_CTX_free(context) }
        SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        guard let ssl = SSL_new(context) else {
            return .failure(.handshakeFailed(reason: OpenSSLErrorQueue.drain().text))
        }
        defer { SSL_free(ssl) }
        SSL_set_fd(ssl, socket)
        if let serverName, !serverName.isEmpty {
            _ = shim_SSL_set_tlsext_host_name(ssl, serverName)
        }
        guard SSL_connect(ssl) == 1 else {
            let queue = OpenSSLErrorQueue.drain()
            let reason = queue.messages.isEmpty ? "the peer closed the connection or timed out" : queue.text
            return .failure(.handshakeFailed(reason: reason))
        }
        guard let peer = SSL_get1_peer_certificate(ssl) else {
            return .failure(.handshakeFailed(reason: "the server sent no certificate"))
        }
        defer { X509_free(peer) }
        let length = i2d_X509(peer, nil)
        guard length > 0 else { return .failure(.handshakeFailed(reason: OpenSSLErrorQueue.drain().text)) }
        var der = [UInt8](repeating: 0, count: Int(length))
        der.withUnsafeMutableBufferPointer { buffer in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            _ = i2d_X509(peer, &cursor)
        }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var digestLength: UInt32 = 0
        guard X509_digest(peer, EVP_sha256(), &digest, &digestLength) == 1 else {
            return .failure(.handshakeFailed(reason: OpenSSLErrorQueue.drain().text))
        }
        let hex = digest.prefix(Int(digestLength)).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
        _ = SSL_shutdown(ssl)
        return .success(Leaf(der: der, fingerprintSHA256: hex))
    }

    /// A connected blocking TCP socket with send and receive timeouts.
    static func connect(host: String, port: Int, timeoutMilliseconds: Int) -> Result<Int32, Failure> {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            return .failure(.unresolvable(host: host))
        }
        defer { freeaddrinfo(list) }
        var lastReason = "no address"
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            cursor = info.pointee.ai_next
            let descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard descriptor >= 0 else {
                lastReason = String(cString: strerror(errno))
                continue
            }
            let flags = fcntl(descriptor, F_GETFL)
            _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
            var result = Glibc.connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen)
            if result != 0 && errno == EINPROGRESS {
                var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                if poll(&poller, 1, Int32(timeoutMilliseconds)) == 1 {
                    var error: Int32 = 0
                    var size = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &size)
                    result = error == 0 ? 0 : -1
                    errno = error
                } else {
                    result = -1
                    errno = ETIMEDOUT
                }
            }
            guard result == 0 else {
                lastReason = String(cString: strerror(errno))
                close(descriptor)
                continue
            }
            _ = fcntl(descriptor, F_SETFL, flags)
            var timeout = timeval(
                tv_sec: timeoutMilliseconds / 1000, tv_usec: (timeoutMilliseconds % 1000) * 1000)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            return .success(descriptor)
        }
        return .failure(.connectFailed(reason: lastReason))
    }
}
