import CertTLS
import Foundation
import NIOCore
import NIOPosix

/// A minimal SMTP client (RFC 5321) with STARTTLS (RFC 3207) or implicit TLS (RFC 8314) and AUTH
/// PLAIN/LOGIN (RFC 4954): EHLO, [STARTTLS, EHLO], [AUTH], MAIL FROM, RCPT TO, DATA, QUIT.
///
/// Role: the email half of ``NetworkNoticeDelivery``; talks to an operator-configured relay.
/// After STARTTLS, certd's OpenSSL ``TLSHandler`` is put in front of the live pipeline and the
/// relay's chain and name (`host`) are verified against ``WebhookTrust`` (system bundle plus
/// `--webhook-ca`).
/// Invariants: every command waits for its reply and any unexpected code fails the send with a
/// ``DeliveryError``; credentials are only sent over TLS or to a loopback relay, and never appear in
/// an error; the message body is dot-stuffed and uses CRLF line ends; the whole exchange
/// (connect, TLS, AUTH, DATA) is bounded by `timeoutSeconds`.
/// Isolation: an immutable `Sendable` value; one connection per message.
struct SMTPClient: Sendable {
    /// The relay's host and port.
    var host: String
    var port: Int
    /// The envelope sender and `From:` address.
    var from: String
    /// Whether to upgrade with STARTTLS.
    var tlsMode: SMTPTLSMode = .starttls
    /// The AUTH credentials; nil: no AUTH.
    var credentials: SMTPCredentials? = nil
    /// The CAs the relay's certificate must chain to.
    var trust = WebhookTrust()
    /// The name sent in EHLO.
    var heloName = "certd.localhost"
    var timeoutSeconds = 15

    /// `host:port` for messages.
    var relay: String { self.host.contains(":") ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)" }

    /// Whether the relay is on this machine (`localhost`, `127.0.0.0/8`, `::1`), where plain-text
    /// credentials never cross a network.
    var isLoopbackRelay: Bool {
        let host = self.host.lowercased()
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return host == "localhost" || host == "::1"
            || (octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil })
    }

    /// Sends one plain-text message.
    /// - Parameters:
    ///   - recipients: envelope recipients (also the `To:` header).
    ///   - subject: the subject line (ASCII).
    ///   - body: the text (UTF-8).
    /// - Throws: ``DeliveryError``.
    func send(to recipients: [String], subject: String, body: String) async throws {
        // Known before connecting: plain text by configuration to a remote relay.
        if self.credentials != nil, self.tlsMode == .none, !self.isLoopbackRelay {
            throw DeliveryError.smtpCredentialsNeedTLS(relay: self.relay)
        }
        let client = self
        // Implicit TLS: the handler is in the pipeline before the connection opens, so the greeting
        // is the first thing read through it.
        let implicitTLS = self.tlsMode == .implicit ? try self.tlsContext() : nil
        try await withDeliveryTimeout(seconds: self.timeoutSeconds) {
            let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
            do {
                channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .connectTimeout(.seconds(5))
                    .connect(host: client.host, port: client.port) { channel in
                        channel.eventLoop.makeCompletedFuture {
                            if let implicitTLS {
                                try channel.pipeline.syncOperations.addHandler(
                                    TLSHandler(context: implicitTLS, serverName: client.host))
                            }
                            return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                        }
                    }
            } catch let error as TLSError {
                throw client.tlsFailure(error)
            } catch {
                throw DeliveryError.connectionFailed("\(client.relay): \(error)")
            }
            do {
                try await channel.executeThenClose { inbound, outbound in
                    var session = SMTPSession(
                        outbound: outbound, replies: SMTPReplyReader(iterator: inbound.makeAsyncIterator()))
                    try await client.converse(
                        &session, channel: channel.channel, recipients: recipients, subject: subject, body: body)
                }
            } catch let error as TLSError {
                throw client.tlsFailure(error)
            } catch let error as DeliveryError {
                throw error
            } catch {
                throw DeliveryError.protocolViolation("SMTP exchange with \(client.relay) failed: \(error)")
            }
        }
    }

    /// The conversation after connecting.
    private func converse(
        _ session: inout SMTPSession, channel: any Channel, recipients: [String], subject: String, body: String
    ) async throws {
        try await session.expect("greeting", [220])
        var capabilities = try await session.command("EHLO \(self.heloName)", expecting: [250]).lines
        var isEncrypted = self.tlsMode == .implicit
        if self.tlsMode == .starttls || self.tlsMode == .required {
            if Self.offers("STARTTLS", in: capabilities) {
                try await session.command("STARTTLS", expecting: [220])
                guard !session.replies.hasBufferedBytes else {
                    throw DeliveryError.protocolViolation(
                        "the SMTP relay \(self.relay) sent data before the TLS handshake")
                }
                try await self.startTLS(on: channel)
                // RFC 3207: forget what was learnt in plain text and ask again.
                capabilities = try await session.command("EHLO \(self.heloName)", expecting: [250]).lines
                isEncrypted = true
            } else if self.tlsMode == .required {
                throw DeliveryError.smtpStartTLSNotOffered(relay: self.relay)
            }
        }
        if let credentials = self.credentials {
            guard isEncrypted || self.isLoopbackRelay else {
                throw DeliveryError.smtpCredentialsNeedTLS(relay: self.relay)
            }
            try await self.authenticate(&session, credentials: credentials, capabilities: capabilities)
        }
        try await session.command("MAIL FROM:<\(self.from)>", expecting: [250])
        for recipient in recipients {
            try await session.command("RCPT TO:<\(recipient)>", expecting: [250, 251])
        }
        try await session.command("DATA", expecting: [354])
        try await session.write(self.message(to: recipients, subject: subject, body: body))
        try await session.expect("message", [250])
        // The message is accepted; QUIT is a courtesy whose failure changes nothing.
        try? await session.write("QUIT\r\n")
        _ = try? await session.replies.next()
    }

    /// Whether an EHLO reply lists `keyword` (the first word of a line, case-insensitive).
    static func offers(_ keyword: String, in capabilities: [String]) -> Bool {
        capabilities.contains { line in
            line.split(separator: " ").first.map { $0.uppercased() == keyword } ?? false
        }
    }

    /// The DATA payload: headers, blank line, dot-stuffed CRLF body, and the final `.` line.
    func message(to recipients: [String], subject: String, body: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        var lines = [
            "From: certd <\(self.from)>",
            "To: \(recipients.joined(separator: ", "))",
            "Subject: \(subject)",
            "Date: \(formatter.string(from: Date()))",
            "Message-ID: <\(UUID().uuidString.lowercased())@\(self.heloName)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
        ]
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let text = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            lines.append(text.hasPrefix(".") ? "." + text : text)
        }
        return lines.joined(separator: "\r\n") + "\r\n.\r\n"
    }
}
