import NIOCore

/// One SMTP reply: its code and its lines' texts (a multi-line reply such as EHLO's has several).
struct SMTPReply: Sendable, Equatable {
    var code: Int
    /// Each line's text after the code and separator.
    var lines: [String]
    /// The lines joined by spaces, for messages.
    var text: String { self.lines.joined(separator: " ") }
}

/// Reads SMTP replies (possibly multi-line: `250-...` continues, `250 ...` ends) from a byte stream.
///
/// Role: the inbound half of ``SMTPClient``'s conversation; the same reader keeps working after
/// STARTTLS because the TLS handler sits below the async channel and hands it plaintext.
/// Invariant: bytes after the last complete line stay in `pending`; after the reply to STARTTLS
/// there must be none (RFC 3207 §5: anything sent before the handshake is an injection attempt).
/// Isolation: owned by one send.
struct SMTPReplyReader {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending: [UInt8] = []

    /// Whether bytes past the last reply were received (and not yet read).
    var hasBufferedBytes: Bool { !self.pending.isEmpty }

    /// The next complete reply.
    /// - Throws: ``DeliveryError/protocolViolation(_:)`` when the relay closes or sends garbage;
    ///   what the channel throws (a TLS failure after STARTTLS).
    mutating func next() async throws -> SMTPReply {
        var lines: [String] = []
        while true {
            let line = try await self.nextLine()
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw DeliveryError.protocolViolation("unexpected SMTP reply \"\(line.prefix(80))\"")
            }
            lines.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                return SMTPReply(code: code, lines: lines)
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
