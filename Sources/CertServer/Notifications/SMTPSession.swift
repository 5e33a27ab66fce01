import NIOCore

/// One SMTP conversation on an open connection: write a line, read and check the reply.
///
/// Role: the steps ``SMTPClient`` composes (greeting, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA).
/// Invariants: every command waits for its reply; a reply outside the expected codes fails with
/// ``DeliveryError/smtpRejected(command:code:text:)`` naming only the command's verb (never its
/// arguments, which for AUTH are credentials).
/// Isolation: owned by one send; not shared.
struct SMTPSession {
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    var replies: SMTPReplyReader

    /// Reads the next reply and checks its code.
    /// - Parameters:
    ///   - command: what the reply answers, for the error message.
    ///   - codes: the codes that mean success.
    /// - Returns: the reply.
    /// - Throws: ``DeliveryError``.
    @discardableResult
    mutating func expect(_ command: String, _ codes: Set<Int>) async throws -> SMTPReply {
        let reply = try await self.replies.next()
        guard codes.contains(reply.code) else {
            throw DeliveryError.smtpRejected(command: command, code: reply.code, text: reply.text)
        }
        return reply
    }

    /// Sends `line` and checks the reply's code.
    /// - Returns: the reply.
    /// - Throws: ``DeliveryError``.
    @discardableResult
    mutating func command(_ line: String, expecting codes: Set<Int>) async throws -> SMTPReply {
        try await self.write(line + "\r\n")
        return try await self.expect(String(line.prefix(while: { $0 != ":" && $0 != " " })), codes)
    }

    /// Sends `line` (which may hold secrets) and returns the reply unchecked.
    mutating func exchange(_ line: String) async throws -> SMTPReply {
        try await self.write(line + "\r\n")
        return try await self.replies.next()
    }

    /// Writes raw bytes (a command line, the DATA payload).
    /// - Throws: when the channel closed under the write (a failed TLS handshake closes it, the
    ///   relay may hang up), the cause from the inbound side: a ``TLSError`` or a ``DeliveryError``.
    mutating func write(_ text: String) async throws {
        do {
            try await self.outbound.write(ByteBuffer(string: text))
        } catch {
            let reply = try await self.replies.next()
            throw DeliveryError.protocolViolation(
                "the SMTP relay closed the connection after \(reply.code) \(String(reply.text.prefix(120)))")
        }
    }
}
