import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Posts JSON to a webhook over plain HTTP/1.1 (SwiftNIO's HTTP codec, no client library).
///
/// Role: the webhook half of ``NetworkNoticeDelivery``.
/// Invariants: one connection per post, closed afterwards; a 2xx status is success, anything else
/// a ``DeliveryError``; the whole exchange is bounded by `timeoutSeconds`.
/// Isolation: an immutable `Sendable` value.
struct WebhookSender: Sendable {
    var timeoutSeconds = 10

    /// Posts `body` to `url`.
    /// - Throws: ``DeliveryError``.
    func post(_ body: [UInt8], to url: String) async throws {
        guard let parsed = URL(string: url), parsed.scheme == "http", let host = parsed.host, !host.isEmpty else {
            throw DeliveryError.invalidWebhookURL(url)
        }
        let port = parsed.port ?? 80
        var path = parsed.path.isEmpty ? "/" : parsed.path
        if let query = parsed.query { path += "?" + query }
        let requestPath = path
        let status = try await withDeliveryTimeout(seconds: self.timeoutSeconds) {
            let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
            do {
                channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .connectTimeout(.seconds(5))
                    .connect(host: host, port: port) { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHTTPClientHandlers()
                            return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                                wrappingChannelSynchronously: channel)
                        }
                    }
            } catch {
                throw DeliveryError.connectionFailed("\(host):\(port): \(error)")
            }
            return try await channel.executeThenClose { inbound, outbound in
                var headers = HTTPHeaders()
                headers.add(name: "Host", value: parsed.port.map { "\(host):\($0)" } ?? host)
                headers.add(name: "Content-Type", value: "application/json")
                headers.add(name: "Content-Length", value: String(body.count))
                headers.add(name: "User-Agent", value: "certd")
                headers.add(name: "Connection", value: "close")
                try await outbound.write(
                    .head(HTTPRequestHead(version: .http1_1, method: .POST, uri: requestPath, headers: headers)))
                try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
                try await outbound.write(.end(nil))
                var status: Int?
                for try await part in inbound {
                    switch part {
                    case .head(let head): status = Int(head.status.code)
                    case .body: break
                    case .end: return status
                    }
                }
                return status
            }
        }
        guard let status else { throw DeliveryError.protocolViolation("the webhook closed without an HTTP response") }
        guard (200..<300).contains(status) else { throw DeliveryError.webhookRejected(status: status) }
    }
}
