import CertTLS
import Foundation
import Synchronization

/// The CA certificates https webhook receivers and SMTP relays (after STARTTLS) are verified
/// against: the system bundle plus, optionally, the operator's CA file (`--webhook-ca`), turned
/// into one shared client ``TLSContext`` per protocol on first use.
///
/// Role: shared by the notification and deployment webhook senders and the SMTP client (one
/// instance in `certd serve`), so a private CA is configured once for every outbound TLS peer.
/// Invariants: each context is built at most once (success or failure is remembered, so a bad file
/// gives the same message on every post and costs one parse); a missing system bundle is not an
/// error as long as the operator's file supplies a CA; the server name is set per connection.
/// Isolation: `Sendable`; the cached contexts sit behind `Mutex`es.
public final class WebhookTrust: Sendable {
    /// Where Debian's `ca-certificates` package puts the system trust bundle.
    public static let systemBundle = "/etc/ssl/certs/ca-certificates.crt"

    /// The operator's extra CA file, if any.
    public let caFile: String?
    let systemBundle: String
    private let cached = Mutex<Result<TLSContext, WebhookClientError>?>(nil)
    private let cachedMail = Mutex<Result<TLSContext, WebhookClientError>?>(nil)

    /// - Parameters:
    ///   - caFile: a PEM file of CA certificates trusted in addition to the system bundle
    ///     (`--webhook-ca`); nil trusts the system bundle only.
    ///   - systemBundle: the system bundle's path (tests point it elsewhere to prove refusal).
    public init(caFile: String? = nil, systemBundle: String = WebhookTrust.systemBundle) {
        self.caFile = caFile
        self.systemBundle = systemBundle
    }

    /// The shared https client context.
    /// - Throws: ``WebhookClientError/trustUnavailable(reason:)`` naming what is missing.
    func context() throws(WebhookClientError) -> TLSContext {
        let result = self.cached.withLock { cached in
            if let cached { return cached }
            let built = self.build(TLSConfiguration.httpsClient(trustedCA:))
            cached = built
            return built
        }
        return try result.get()
    }

    /// The shared SMTP client context (same CAs, no ALPN; see ``TLSConfiguration/mailClient(trustedCA:)``).
    /// - Throws: ``WebhookClientError/trustUnavailable(reason:)`` naming what is missing.
    func mailContext() throws(WebhookClientError) -> TLSContext {
        let result = self.cachedMail.withLock { cached in
            if let cached { return cached }
            let built = self.build(TLSConfiguration.mailClient(trustedCA:))
            cached = built
            return built
        }
        return try result.get()
    }

    private func build(
        _ configuration: (TLSConfiguration.PEMSource) -> TLSConfiguration
    ) -> Result<TLSContext, WebhookClientError> {
        // The operator's CAs go first: PEM reading stops at the first block it cannot parse.
        var pem = ""
        if let caFile = self.caFile {
            guard let extra = try? String(contentsOfFile: caFile, encoding: .utf8) else {
                return .failure(.trustUnavailable(reason: "cannot read the webhook CA file \(caFile)"))
            }
            guard extra.contains("-----BEGIN CERTIFICATE-----") else {
                return .failure(.trustUnavailable(reason: "the webhook CA file \(caFile) holds no PEM certificate"))
            }
            pem += extra + "\n"
        }
        if let system = try? String(contentsOfFile: self.systemBundle, encoding: .utf8) {
            pem += system
        }
        guard !pem.isEmpty else {
            return .failure(.trustUnavailable(reason: "\(self.systemBundle) is missing and no --webhook-ca is set"))
        }
        do {
            return .success(try TLSContext(configuration: configuration(.pem(pem))))
        } catch {
            return .failure(.trustUnavailable(reason: "the trusted CA certificates could not be loaded: \(error)"))
        }
    }
}
