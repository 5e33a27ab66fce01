import CertDomain
import Foundation
import NIOCore

/// Deploys by POSTing JSON (``WebhookPayload``) to a URL over HTTP/1.1 or HTTPS (``WebhookClient``:
/// certd's OpenSSL TLS, chain verified against ``WebhookTrust``, host name checked).
///
/// Outcomes: 2xx succeeds; 408, 429, 5xx, connection failures, timeouts and TLS handshake failures
/// are retryable (``DeploymentFailure/failed(_:)``; the runner retries with backoff); other
/// statuses and a refused certificate (untrusted chain, wrong name) are
/// ``DeploymentFailure/rejected(_:)``, since retrying cannot change them.
/// Invariants: the key is in the body only when the target allows keys, and then only over https
/// or to a loopback host (``DeploymentTarget/isPlainRemoteWebhook(_:)``); neither body nor key is
/// logged; the URL's userinfo, path and query are never echoed into error text.
/// Isolation: a value type; the connection lives on the shared NIO event loop group.
struct WebhookDeploymentExecutor: Sendable {
    let timeoutSeconds: Int
    let client: WebhookClient

    func deploy(_ material: DeploymentMaterial, url text: String, target: DeploymentTarget)
        async throws(DeploymentFailure)
    {
        guard let url = WebhookURL(parsing: text) else {
            throw .rejected("the webhook URL is not a valid http:// or https:// URL")
        }
        if target.allowKey && DeploymentTarget.isPlainRemoteWebhook(text) {
            throw .rejected(
                "target \(target.name) receives the private key, so its webhook must use https:// (plain http:// "
                    + "only to 127.0.0.1, ::1 or localhost); \(url.host) was refused")
        }
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
            status = try await self.client.post(
                Array(body), to: url, userAgent: "certd-deploy", timeout: .seconds(Int64(self.timeoutSeconds)))
        } catch {
            if error.isCertificateRejection { throw .rejected("POST to \(url.authority) refused: \(error)") }
            throw .failed("POST to \(url.authority) failed: \(error)")
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
}
