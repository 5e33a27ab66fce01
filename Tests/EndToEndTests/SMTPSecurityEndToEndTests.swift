import CertCrypto
import CertTestSupport
import Foundation
import Testing

/// `certd serve --smtp-tls required --smtp-user --smtp-password-file --webhook-ca` end to end: the
/// real certd and certctl, and an aiosmtpd relay offering STARTTLS with a certificate from a CA made
/// in the test and accepting one login.
@Suite("SMTP STARTTLS and AUTH end to end")
struct SMTPSecurityEndToEndTests {
    @Test("a due email notice goes over STARTTLS with AUTH; the password is in no output of certd")
    func noticeOverSTARTTLS() async throws {
        try OpenSSLProviders.loadOnce()
        let pki = try IssuedTestPKI(now: Date(), name: "E2E SMTP TLS")
        let password = "e2e-Relay-pa55"
        try await withTemporaryDirectory(prefix: "certd-smtp-tls") { directory in
            let caPath = directory + "/relay-ca.pem"
            try pki.root.certificate.pem.write(toFile: caPath, atomically: true, encoding: .utf8)
            let passwordFile = directory + "/smtp-password"
            try "\(password)\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
            let relay = try await SMTPRelaySink.start(
                in: directory + "/relay", leaf: try pki.leaf(commonName: "localhost"),
                intermediatePEM: pki.intermediate.certificate.pem, user: "certd-bot", password: password)
            defer { relay.stop() }
            let arguments = [
                "--smtp-relay", "localhost:\(relay.port)", "--smtp-tls", "required", "--smtp-user", "certd-bot",
                "--smtp-password-file", passwordFile, "--webhook-ca", caPath,
            ]
            try await ExpiryNotificationTests.withSession(extraArguments: arguments) { session in
                let id = try await session.upload(name: "mail", days: 100)
                #expect(try await session.certctl("quota", "add", "--account", "admin", "--units", "1").status == 0)
                #expect(try await session.certctl("notify", "enable", id).status == 0)
                let settings = try await session.certctl(
                    "notify", "settings", "set", "--lead-time", "30", "--repeat-interval", "86400", "--email",
                    "ops@example.test")
                #expect(settings.status == 0, "\(settings)")
                try session.setClock(days: 80)
                var mails: [String] = []
                for _ in 0..<100 where mails.isEmpty {
                    try await Task.sleep(for: .milliseconds(100))
                    mails = relay.mails
                }
                let mail = try #require(mails.first)
                #expect(mail.contains("X-TLS: yes"))
                #expect(mail.contains("X-Auth: certd-bot"))
                #expect(mail.contains("expires in 20 day(s)"))
                #expect(relay.authAttempts == ["PLAIN ok"])
                #expect(!session.certd.standardError.contains(password))
                #expect(!session.certd.standardOutput.contains(password))
            }
        }
    }

    @Test("--smtp-user without --smtp-password-file, or a bad --smtp-tls, stops certd with status 2")
    func badSettingsExitTwo() async throws {
        try await withTemporaryDirectory(prefix: "certd-smtp-config") { parent in
            let binary = try RunningCertd.binaryPath()
            let noFile = try await EndToEnd.run(
                binary, ["serve", "--data-dir", parent, "--smtp-relay", "mail.example.com:587", "--smtp-user", "u"])
            #expect(noFile.status == 2)
            #expect(noFile.stderr.contains("smtp-password-file"), "\(noFile.stderr)")
            let badMode = try await EndToEnd.run(binary, ["serve", "--data-dir", parent, "--smtp-tls", "always"])
            #expect(badMode.status == 2)
            #expect(badMode.stderr.contains("starttls, required, implicit or none"), "\(badMode.stderr)")
        }
    }
}
