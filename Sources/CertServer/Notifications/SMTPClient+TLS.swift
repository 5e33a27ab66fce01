import CertTLS
import Foundation
import NIOCore

extension SMTPClient {
    /// Puts certd's OpenSSL ``TLSHandler`` in front of the live pipeline (below the async channel's
    /// handlers), which starts the handshake at once. Writes made meanwhile are held by the handler
    /// until the handshake is done; a failed handshake surfaces as a ``TLSError`` from the next read.
    /// - Parameter channel: the connection, right after the relay's 220 to STARTTLS.
    /// - Throws: ``DeliveryError/tlsFailed(_:)`` when no CA certificates are available;
    ///   ``TLSError`` when OpenSSL refuses the session or the name.
    func startTLS(on channel: any Channel) async throws {
        let context = try self.tlsContext()
        let host = self.host
        try await channel.eventLoop.submit {
            let handler = try TLSHandler(context: context, serverName: host)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        }.get()
    }

    /// The shared client context (system bundle plus `--webhook-ca`, no ALPN).
    /// - Throws: ``DeliveryError/tlsFailed(_:)`` when no CA certificates are available.
    func tlsContext() throws -> TLSContext {
        do {
            return try self.trust.mailContext()
        } catch {
            throw DeliveryError.tlsFailed(
                "TLS to the SMTP relay \(self.relay) needs CA certificates: \(Self.reason(error)); install "
                    + "ca-certificates or pass --webhook-ca FILE (also trusted for SMTP)")
        }
    }

    /// Turns OpenSSL's handshake report into a failure that says what to do. The verify result is
    /// OpenSSL's `X509_verify_cert_error_string`, which `TLSConnection` appends as `(verify: ...)`.
    func tlsFailure(_ error: TLSError) -> DeliveryError {
        let text: String
        switch error {
        case .handshakeFailed(let reason), .alertReceived(let reason), .readFailed(let reason),
            .writeFailed(let reason):
            text = reason
        case .configurationFailed(let operation, let reason):
            text = "\(operation): \(reason)"
        case .uncleanShutdown:
            return .protocolViolation("the SMTP relay \(self.relay) closed the TLS connection early")
        }
        guard let start = text.range(of: "(verify: "), let end = text[start.upperBound...].firstIndex(of: ")") else {
            return .tlsFailed(
                "TLS to the SMTP relay \(self.relay) failed: \(text); check that it speaks TLS 1.2 or newer (with "
                    + "STARTTLS, or from the first byte for --smtp-tls implicit)")
        }
        let verifyResult = "verify: " + text[start.upperBound..<end]
        if verifyResult.hasSuffix("mismatch") {
            return .tlsFailed(
                "TLS to \(self.host): the SMTP relay's certificate does not name \(self.host) (\(verifyResult)); "
                    + "give --smtp-relay a host name its certificate carries")
        }
        return .tlsFailed(
            "TLS to \(self.host): the SMTP relay's certificate is not trusted (\(verifyResult)); for a private CA "
                + "pass --webhook-ca FILE (its CA certificate, PEM)")
    }

    private static func reason(_ error: WebhookClientError) -> String {
        if case .trustUnavailable(let reason) = error { return reason }
        return "\(error)"
    }
}
