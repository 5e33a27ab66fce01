import Foundation
import NIOCore
import NIOPosix

/// A minimal SMTP client (RFC 5321) over plain TCP: EHLO, MAIL FROM, RCPT TO, DATA, QUIT.
///
/// Role: the email half of ``NetworkNoticeDelivery``; talks to an operator-configured relay
/// (typically a local MTA on loopback), so no TLS and no authentication.
/// Invariants: every command waits for its reply and any unexpected code fails the send with
/// ``DeliveryError/smtpRejected(command:code:text:)``; the message body is dot-stuffed and uses
/// CRLF line ends; the exchange is bounded by `timeoutSeconds`.
/// Isolation: an immutable `Sendable` value; one connection per message.
struct SMTPClient: Sendable {
    /// The relay's host and port.
    var host: String
    var port: Int
    /// The envelope sender and `From:` address.
    var from: String
    /// The name sent in EHLO.
    var heloName = "certd.localhost"
    var timeoutSeconds = 15

    /// Sends one plain-text message.
    /// - Parameters:
    ///   - recipients: envelope recipients (also the `To:` header).
    ///   - subject: the subject line (ASCII).
    ///   - body: the text (UTF-8).
    /// - Throws: ``DeliveryError``.
    func send(to recipients: [String], subject: String, body: String) async throws {
        let client = self
        try await withDeliveryTimeout(seconds: self.timeoutSeconds) {
            let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
            do {
                channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .connectTimeout(.seconds(5))
                    .connect(host: client.host, port: client.port) { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                        }
                    }
            } catch {
                throw DeliveryError.connectionFailed("\(client.host):\(client.port): \(error)")
            }
            try await channel.executeThenClose { inbound, outbound in
                var replies = SMTPReplyReader(iterator: inbound.makeAsyncIterator())
                func expect(_ command: String, _ codes: Set<Int>) async throws {
                    let reply = try await replies.next()
                    guard codes.contains(reply.code) else {
                        throw DeliveryError.smtpRejected(command: command, code: reply.code, text: reply.text)
                    }
                }
                func send(_ line: String, expecting codes: Set<Int>) async throws {
                    try await outbound.write(ByteBuffer(string: line + "\r\n"))
                    try await expect(String(line.prefix(while: { $0 != ":" && $0 != " " })), codes)
                }
                try await expect("greeting", [220])
                try await send("EHLO \(client.heloName)", expecting: [250])
                try await send("MAIL FROM:<\(client.from)>", expecting: [250])
                for recipient in recipients {
                    try await send("RCPT TO:<\(recipient)>", expecting: [250, 251])
                }
                try await send("DATA", expecting: [354])
                try await outbound.write(
                    ByteBuffer(string: client.message(to: recipients, subject: subject, body: body)))
                try await expect("message", [250])
                try await outbound.write(ByteBuffer(string: "QUIT\r\n"))
                _ = try? await replies.next()
            }
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

/// Reads SMTP replies (possibly multi-line: `250-...` continues, `250 ...` ends) from a byte stream.
///
/// Isolation: owned by one send.
struct SMTPReplyReader {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending: [UInt8] = []

    /// The next complete reply.
    /// - Throws: ``DeliveryError/protocolViolation(_:)`` when the relay closes or sends garbage.
    mutating func next() async throws -> (code: Int, text: String) {
        var text: [String] = []
        while true {
            let line = try await self.nextLine()
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw DeliveryError.protocolViolation("unexpected SMTP reply \"\(line.prefix(80))\"")
            }
            text.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                return (code, text.joined(separator: " "))
            }
        }
    }

    private mutating func nextLine() async throws -> String {
        while true {
            if let newline = self.pending.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(self.pending[..<newline])
                self.pending.removeFirst(newline + 1)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard self.pending.count < 4096 else { throw DeliveryError.protocolViolation("SMTP line too long") }
            guard let buffer = try await self.iterator.next() else {
                throw DeliveryError.protocolViolation("the SMTP relay closed the connection")
            }
            self.pending += buffer.readableBytesView
        }
    }
}
