import Foundation

extension SMTPClient {
    /// Authenticates with AUTH PLAIN (one round trip) or, when the relay offers only that, AUTH
    /// LOGIN (RFC 4954). The caller has made sure the connection is encrypted or on loopback.
    /// - Parameters:
    ///   - session: the conversation, after (the second) EHLO.
    ///   - credentials: user and password.
    ///   - capabilities: the EHLO reply's lines.
    /// - Throws: ``DeliveryError/smtpAuthenticationUnavailable(relay:offered:)``,
    ///   ``DeliveryError/smtpAuthenticationRejected(relay:code:text:)``; never with the password.
    func authenticate(_ session: inout SMTPSession, credentials: SMTPCredentials, capabilities: [String])
        async throws
    {
        let authLine = capabilities.first { $0.uppercased().hasPrefix("AUTH ") || $0.uppercased().hasPrefix("AUTH=") }
        let mechanisms = Set((authLine ?? "").uppercased().dropFirst(5).split(separator: " ").map(String.init))
        let secrets = Self.secretForms(credentials)
        func check(_ reply: SMTPReply, _ code: Int) throws {
            guard reply.code == code else {
                throw DeliveryError.smtpAuthenticationRejected(
                    relay: self.relay, code: reply.code, text: Self.redacting(secrets, in: reply.text))
            }
        }
        if mechanisms.contains("PLAIN") {
            let token = Self.base64("\u{0}\(credentials.user)\u{0}\(credentials.password)")
            try check(try await session.exchange("AUTH PLAIN \(token)"), 235)
        } else if mechanisms.contains("LOGIN") {
            try check(try await session.exchange("AUTH LOGIN"), 334)
            try check(try await session.exchange(Self.base64(credentials.user)), 334)
            try check(try await session.exchange(Self.base64(credentials.password)), 235)
        } else {
            throw DeliveryError.smtpAuthenticationUnavailable(
                relay: self.relay, offered: authLine.map { String($0.prefix(80)) } ?? "")
        }
    }

    static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }

    /// The password as sent (plain and in both tokens), so a relay that echoes them cannot leak them.
    private static func secretForms(_ credentials: SMTPCredentials) -> [String] {
        [
            self.base64("\u{0}\(credentials.user)\u{0}\(credentials.password)"), self.base64(credentials.password),
            credentials.password,
        ]
    }

    private static func redacting(_ secrets: [String], in text: String) -> String {
        var text = text
        for secret in secrets where !secret.isEmpty {
            text = text.replacingOccurrences(of: secret, with: "<redacted>")
        }
        return String(text.prefix(200))
    }
}
