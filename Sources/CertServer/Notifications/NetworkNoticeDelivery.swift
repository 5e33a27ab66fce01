public import CertDomain
import Foundation

/// Delivers expiry notices over the network: webhook (JSON POST over http or https) and email (SMTP relay).
///
/// Role: certd's ``ExpiryNoticeDelivering``; built from the `--smtp-*` settings and `--webhook-ca`.
/// Invariants: the webhook body is one JSON object (`event`, `account`, `certificateId`, `name`,
/// `commonName`, `fingerprintSHA256`, `notAfter`, `daysLeft`, `leadTimeDays`, `status`, `sentAt`;
/// times ISO-8601 UTC); email goes to all recipients in one message.
/// Isolation: an immutable `Sendable` value.
public struct NetworkNoticeDelivery: ExpiryNoticeDelivering {
    let webhook: WebhookSender
    let smtp: SMTPClient?

    /// - Parameters:
    ///   - smtpRelay: where email goes; nil disables the email channel (such notices fail, and retry).
    ///   - smtpFrom: the sender address.
    ///   - smtpTLS: whether to upgrade the relay connection with STARTTLS (`--smtp-tls`).
    ///   - smtpCredentials: AUTH user and password (`--smtp-user`, `--smtp-password-file`); nil: no AUTH.
    ///   - webhookTrust: the CAs https webhooks and SMTP relays (after STARTTLS) are verified against
    ///     (system bundle plus `--webhook-ca`).
    ///   - timeoutSeconds: the bound on one delivery (connect, TLS, the whole exchange); nil: the
    ///     channel's default (webhook 10 s, SMTP 15 s).
    public init(
        smtpRelay: ListenAddress?, smtpFrom: String = "certd@localhost", smtpTLS: SMTPTLSMode = .starttls,
        smtpCredentials: SMTPCredentials? = nil, webhookTrust: WebhookTrust = WebhookTrust(),
        timeoutSeconds: Int? = nil
    ) {
        var webhook = WebhookSender(trust: webhookTrust)
        if let timeoutSeconds { webhook.timeoutSeconds = timeoutSeconds }
        self.webhook = webhook
        self.smtp = smtpRelay.map {
            var client = SMTPClient(
                host: $0.host, port: $0.port, from: smtpFrom, tlsMode: smtpTLS, credentials: smtpCredentials,
                trust: webhookTrust)
            if let timeoutSeconds { client.timeoutSeconds = timeoutSeconds }
            return client
        }
    }

    public func deliver(_ notice: ExpiryNotice) async throws {
        switch notice.channel {
        case .webhook:
            for url in notice.destinations { try await self.webhook.post(Self.json(notice), to: url) }
        case .email:
            guard let smtp else { throw DeliveryError.noSMTPRelay }
            try await smtp.send(to: notice.destinations, subject: Self.subject(notice), body: Self.text(notice))
        }
    }

    /// The webhook body.
    static func json(_ notice: ExpiryNotice) -> [UInt8] {
        struct Body: Encodable {
            var event = "certificateExpiring"
            var account: String
            var certificateId: String
            var name: String
            var commonName: String
            var fingerprintSHA256: String
            var notAfter: String
            var daysLeft: Int
            var leadTimeDays: Int
            var status: String
            var sentAt: String
        }
        let iso = ISO8601DateFormatter()
        let body = Body(
            account: notice.accountID.rawValue, certificateId: notice.certificateID.rawValue, name: notice.name,
            commonName: notice.commonName, fingerprintSHA256: notice.fingerprintSHA256,
            notAfter: iso.string(from: notice.notAfter), daysLeft: notice.daysLeft,
            leadTimeDays: notice.leadTimeDays, status: notice.status.rawValue, sentAt: iso.string(from: notice.dueAt))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array((try? encoder.encode(body)) ?? Data("{}".utf8))
    }

    static func subject(_ notice: ExpiryNotice) -> String {
        let name = String(notice.name.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 }.prefix(80))
        if notice.daysLeft < 0 { return "certd: certificate \(name) has expired" }
        return "certd: certificate \(name) expires in \(notice.daysLeft) day(s)"
    }

    static func text(_ notice: ExpiryNotice) -> String {
        let iso = ISO8601DateFormatter()
        return """
            The certificate \(notice.name) (\(notice.certificateID)) of account \(notice.accountID) \
            \(notice.daysLeft < 0 ? "expired" : "expires") on \(iso.string(from: notice.notAfter)).

            Common name: \(notice.commonName)
            SHA-256 fingerprint: \(notice.fingerprintSHA256)
            Status: \(notice.status.rawValue); lead time: \(notice.leadTimeDays) days.

            Renew it with `certctl tasks renew \(notice.certificateID)`, or replace an uploaded one with \
            `certctl cert replace \(notice.certificateID)`.
            """
    }
}
