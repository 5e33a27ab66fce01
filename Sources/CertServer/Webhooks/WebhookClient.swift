import CertTLS
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// One JSON POST over HTTP/1.1 on SwiftNIO, in plain text for `http://` and through certd's
/// OpenSSL ``TLSHandler`` for `https://` (chain verified against ``WebhookTrust``, the URL's host
/// checked against the certificate and sent as SNI).
///
/// Role: the transport both webhook senders share: expiry notices (``WebhookSender``) and
/// deployment targets (``WebhookDeploymentExecutor``). It returns the status code; what a status
/// means is the caller's business.
/// Invariants: one connection per post, closed afterwards; connect and exchange together are
/// bounded by `timeout`; the body is never logged, and errors name only `host:port`.
/// Isolation: a `Sendable` value; each connection lives on an event loop of `group`.
struct WebhookClient: Sendable {
    let group: any EventLoopGroup
    let trust: WebhookTrust

    /// Posts `body` as `application/json` to `url`.
    /// - Parameters:
    ///   - body: the JSON document.
    ///   - url: where to post.
    ///   - userAgent: the `User-Agent` header (`certd`, `certd-deploy`).
    ///   - timeout: the bound on connecting plus the whole exchange.
    /// - Returns: the response's status code.
    /// - Throws: ``WebhookClientError``.
    func post(_ body: [UInt8], to url: WebhookURL, userAgent: String, timeout: TimeAmount)
        async throws(WebhookClientError) -> UInt
    {
        let tls = url.isTLS ? try self.trust.context() : nil
        // The exchange runs on the event loop from channelActive to the response (see
        // WebhookExchangeHandler), so the promise and the timeout are made up front on the loop
        // the channel will use.
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: url.requestPath)
        head.headers.add(name: "Host", value: url.hostHeader)
        head.headers.add(name: "Content-Type", value: "application/json")
        head.headers.add(name: "Content-Length", value: String(body.count))
        head.headers.add(name: "User-Agent", value: userAgent)
        head.headers.add(name: "Connection", value: "close")
        let request = head
        let eventLoop = self.group.next()
        let promise = eventLoop.makePromise(of: UInt.self)
        let timeoutTask = eventLoop.scheduleTask(in: timeout) {
            promise.fail(WebhookClientError.timedOut)
        }
        defer { timeoutTask.cancel() }
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls {
                            try channel.pipeline.syncOperations.addHandler(
                                TLSHandler(context: tls, serverName: url.host))
                        }
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        // In the pipeline before the connection opens: it writes the request on
                        // channelActive and catches a handshake failure that arrives while
                        // `connect` is still returning.
                        try channel.pipeline.syncOperations.addHandler(
                            WebhookExchangeHandler(head: request, body: ByteBuffer(bytes: body), promise: promise))
                    }
                }
                .connect(host: url.host, port: url.port)
                .get()
        } catch {
            promise.fail(error)
            throw .connectFailed(authority: url.authority, reason: "\(error)")
        }
        promise.futureResult.whenComplete { _ in channel.close(promise: nil) }
        do {
            return try await promise.futureResult.get()
        } catch let error as WebhookClientError {
            throw error
        } catch let error as TLSError {
            throw Self.classify(error, url: url)
        } catch {
            throw .connectFailed(authority: url.authority, reason: "\(error)")
        }
    }

    /// Turns OpenSSL's handshake report into a failure that says what to do. The verify result
    /// is OpenSSL's `X509_verify_cert_error_string`, which `TLSConnection` appends as
    /// `(verify: ...)`; a name or address mismatch is told apart from an untrusted chain.
    static func classify(_ error: TLSError, url: WebhookURL) -> WebhookClientError {
        let text: String
        switch error {
        case .handshakeFailed(let reason), .alertReceived(let reason), .readFailed(let reason):
            text = reason
        case .configurationFailed(let operation, let reason):
            text = "\(operation): \(reason)"
        case .writeFailed(let reason):
            text = reason
        case .uncleanShutdown:
            return .closedEarly
        }
        guard let start = text.range(of: "(verify: "), let end = text[start.upperBound...].firstIndex(of: ")") else {
            return .handshakeFailed(authority: url.authority, reason: text)
        }
        let verifyResult = "verify: " + text[start.upperBound..<end]
        if verifyResult.hasSuffix("mismatch") {
            return .hostNameMismatch(host: url.host, verifyResult: verifyResult)
        }
        return .untrustedCertificate(host: url.host, verifyResult: verifyResult)
    }
}
