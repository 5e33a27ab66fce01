import CertDomain
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Deploys by POSTing JSON (``WebhookPayload``) to a URL over HTTP/1.1.
///
/// Outcomes: 2xx succeeds; 408, 429, 5xx, connection failures and timeouts are retryable
/// (``DeploymentFailure/failed(_:)``; the runner retries with backoff); other statuses are
/// ``DeploymentFailure/rejected(_:)``. `https://` URLs are refused for now (see the report).
/// Invariants: the key is in the body only when the target allows keys; neither body nor key is
/// logged; the URL's userinfo is never echoed into error text.
/// Isolation: a value type; the connection lives on the shared NIO event loop group.
struct WebhookDeploymentExecutor: Sendable {
    let timeoutSeconds: Int
    let group: any EventLoopGroup

    func deploy(_ material: DeploymentMaterial, url text: String, target: DeploymentTarget)
        async throws(DeploymentFailure)
    {
        guard let url = URL(string: text), let host = url.host, !host.isEmpty else {
            throw .rejected("the webhook URL is not valid")
        }
        guard url.scheme == "http" else {
            throw .rejected("only http:// webhooks are supported by this certd; use http:// to a local relay")
        }
        let port = url.port ?? 80
        var path = url.path.isEmpty ? "/" : url.path
        if let query = url.query { path += "?" + query }
        let body: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            body = try encoder.encode(WebhookPayload(material: material, target: target))
        } catch {
            throw .rejected("the payload could not be encoded")
        }
        let status: UInt
        do {
            status = try await self.post(host: host, port: port, path: path, body: body)
        } catch {
            throw .failed("POST to \(host):\(port) failed: \(error)")
        }
        switch status {
        case 200..<300:
            return
        case 408, 429, 500..<600:
            throw .failed("the webhook answered HTTP \(status)")
        default:
            throw .rejected("the webhook answered HTTP \(status)")
        }
    }

    /// One request on one connection; the status code of the response.
    private func post(host: String, port: Int, path: String, body: Data) async throws -> UInt {
        let timeout = TimeAmount.seconds(Int64(self.timeoutSeconds))
        let channel = try await ClientBootstrap(group: self.group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                }
            }
            .connect(host: host, port: port)
            .get()
        let eventLoop = channel.eventLoop
        let promise = eventLoop.makePromise(of: UInt.self)
        let timeoutTask = eventLoop.scheduleTask(in: timeout) {
            promise.fail(WebhookClientError.timedOut)
            channel.close(promise: nil)
        }
        try await eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(WebhookResponseHandler(promise: promise))
            var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path)
            head.headers.add(name: "Host", value: port == 80 ? host : "\(host):\(port)")
            head.headers.add(name: "Content-Type", value: "application/json")
            head.headers.add(name: "Content-Length", value: String(body.count))
            head.headers.add(name: "User-Agent", value: "certd-deploy")
            head.headers.add(name: "Connection", value: "close")
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        }.get()
        defer { timeoutTask.cancel() }
        return try await promise.futureResult.get()
    }
}
