import CertCrypto
import CertDomain
import CertServer
import CertTestSupport
import Foundation
import Testing

/// STARTTLS and AUTH for email notices against a real aiosmtpd relay on loopback whose certificate
/// comes from a test CA made here (trusted through `--webhook-ca`): delivery with AUTH PLAIN over
/// STARTTLS, AUTH LOGIN on a plain loopback relay, and the specific failures (no STARTTLS under
/// `required`, untrusted certificate, wrong password, credentials over plain text to a remote relay).
@Suite("SMTP: STARTTLS and AUTH for expiry-notice email")
struct SMTPSecurityTests {
    /// The bound on one delivery here. Under the full parallel suite the test process's two
    /// task-pool threads run every test at once, and an SMTP exchange of ten round trips can take
    /// far longer than certd's 15 s default; what these tests check is the outcome, not the time.
    static let timeout = 120

    static let user = "certd-bot"
    static let password = "s3cret-Pa55word"
    let pki: IssuedTestPKI
    /// The relay's certificate: DNS name `localhost`.
    let relayLeaf: IssuedTestPKI.Leaf

    init() throws {
        self.pki = try IssuedTestPKI(now: Date(), name: "SMTP TLS")
        self.relayLeaf = try self.pki.leaf(commonName: "localhost")
    }

    /// Runs `body` with a started relay (STARTTLS when `isTLS`) and the path of the test root CA.
    func withRelay(
        isTLS: Bool, isImplicitTLS: Bool = false, mechanisms: [String] = ["PLAIN", "LOGIN"],
        _ body: (SMTPRelaySink, String) async throws -> Void
    ) async throws {
        try await withTemporaryDirectory(prefix: "smtp-tls") { directory in
            let caPath = directory + "/ca.pem"
            try self.pki.root.certificate.pem.write(toFile: caPath, atomically: true, encoding: .utf8)
            let relay = try await SMTPRelaySink.start(
                in: directory + "/relay", leaf: isTLS ? self.relayLeaf : nil, isImplicitTLS: isImplicitTLS,
                intermediatePEM: self.pki.intermediate.certificate.pem, user: Self.user, password: Self.password,
                mechanisms: mechanisms)
            defer { relay.stop() }
            try await body(relay, caPath)
        }
    }

    static let notice = ExpiryNotice(
        accountID: AccountID(rawValue: "alice"), certificateID: CertificateID(rawValue: "cert-00000000000000ab"),
        name: "site", commonName: "www.example.com", fingerprintSHA256: String(repeating: "a", count: 64),
        notAfter: Date().addingTimeInterval(10 * 86_400), daysLeft: 10, leadTimeDays: 30, status: .valid,
        channel: .email, destinations: ["ops@example.com"], dueAt: Date())

    /// The error `deliver` throws (what the scheduler records in the audit log), or nil.
    static func failure(_ delivery: NetworkNoticeDelivery) async -> DeliveryError? {
        do {
            try await delivery.deliver(Self.notice)
            return nil
        } catch {
            return error as? DeliveryError ?? .protocolViolation("unexpected error \(error)")
        }
    }

    @Test("STARTTLS to a relay from the --webhook-ca CA, then AUTH PLAIN: the relay saves the message, over TLS")
    func startTLSWithPlainAuth() async throws {
        try await self.withRelay(isTLS: true) { relay, caPath in
            let delivery = NetworkNoticeDelivery(
                smtpRelay: ListenAddress(host: "localhost", port: relay.port), smtpFrom: "certd@example.com",
                smtpTLS: .required, smtpCredentials: SMTPCredentials(user: Self.user, password: Self.password),
                webhookTrust: WebhookTrust(caFile: caPath), timeoutSeconds: Self.timeout)
            try await delivery.deliver(Self.notice)
            let mail = try #require(relay.mails.first)
            #expect(mail.contains("X-TLS: yes"))
            #expect(mail.contains("X-Auth: \(Self.user)"))
            #expect(mail.contains("Subject: certd: certificate site expires in 10 day(s)"))
            #expect(relay.authAttempts == ["PLAIN ok"])
        }
    }

    @Test("--smtp-tls implicit: TLS from the first byte (port 465 style), then AUTH; a STARTTLS relay is not implicit")
    func implicitTLS() async throws {
        try await self.withRelay(isTLS: true, isImplicitTLS: true) { relay, caPath in
            let delivery = NetworkNoticeDelivery(
                smtpRelay: ListenAddress(host: "localhost", port: relay.port), smtpTLS: .implicit,
                smtpCredentials: SMTPCredentials(user: Self.user, password: Self.password),
                webhookTrust: WebhookTrust(caFile: caPath), timeoutSeconds: Self.timeout)
            try await delivery.deliver(Self.notice)
            #expect(relay.mails.count == 1)
            #expect(relay.authAttempts == ["PLAIN ok"])
        }
        try await self.withRelay(isTLS: true) { relay, caPath in
            let delivery = NetworkNoticeDelivery(
                smtpRelay: ListenAddress(host: "localhost", port: relay.port), smtpTLS: .implicit,
                webhookTrust: WebhookTrust(caFile: caPath), timeoutSeconds: Self.timeout)
            let failure = try #require(await Self.failure(delivery))
            #expect(failure.description.contains("TLS to the SMTP relay localhost:\(relay.port) failed"), "\(failure)")
            #expect(relay.mails.isEmpty)
        }
    }

    @Test("a plain relay on loopback offering only AUTH LOGIN: credentials are allowed there and LOGIN is used")
    func loginOnPlainLoopback() async throws {
        try await self.withRelay(isTLS: false, mechanisms: ["LOGIN"]) { relay, _ in
            let delivery = NetworkNoticeDelivery(
                smtpRelay: ListenAddress(host: "127.0.0.1", port: relay.port), smtpTLS: .starttls,
                smtpCredentials: SMTPCredentials(user: Self.user, password: Self.password), timeoutSeconds: Self.timeout
            )
            try await delivery.deliver(Self.notice)
            let mail = try #require(relay.mails.first)
            #expect(mail.contains("X-TLS: no"))
            #expect(relay.authAttempts == ["LOGIN ok"])
        }
    }

    @Test("--smtp-tls required and a relay without STARTTLS: the specific error, nothing sent")
    func requiredButNotOffered() async throws {
        try await self.withRelay(isTLS: false) { relay, _ in
            let delivery = NetworkNoticeDelivery(
                smtpRelay: ListenAddress(host: "127.0.0.1", port: relay.port), smtpTLS: .required,
                timeoutSeconds: Self.timeout)
            let failure = try #require(await Self.failure(delivery))
            #expect(failure == .smtpStartTLSNotOffered(relay: "127.0.0.1:\(relay.port)"))
            #expect(failure.description.contains("did not offer STARTTLS"))
            #expect(failure.description.contains("--smtp-tls starttls or none"))
            #expect(relay.mails.isEmpty)
        }
    }

    @Test("a relay certificate from an untrusted CA: TLS fails naming the host and --webhook-ca; no AUTH, no mail")
    func untrustedRelay() async throws {
        try await self.withRelay(isTLS: true) { relay, _ in
            let delivery = NetworkNoticeDelivery(
                smtpRelay: ListenAddress(host: "localhost", port: relay.port),
                smtpCredentials: SMTPCredentials(user: Self.user, password: Self.password),
                webhookTrust: WebhookTrust(), timeoutSeconds: Self.timeout)
            let failure = try #require(await Self.failure(delivery))
            guard case .tlsFailed(let text) = failure else {
                Issue.record("expected a TLS failure, got \(failure)")
                return
            }
            #expect(text.contains("TLS to localhost: the SMTP relay's certificate is not trusted"))
            #expect(text.contains("verify: unable to get local issuer certificate"))
            #expect(text.contains("--webhook-ca FILE"))
            #expect(relay.authAttempts.isEmpty)
            #expect(relay.mails.isEmpty)
        }
    }

    @Test("a relay host the certificate does not name (127.0.0.1 for a localhost certificate) is refused")
    func wrongRelayName() async throws {
        try await self.withRelay(isTLS: true) { relay, caPath in
            let delivery = NetworkNoticeDelivery(
                smtpRelay: ListenAddress(host: "127.0.0.1", port: relay.port), smtpTLS: .required,
                webhookTrust: WebhookTrust(caFile: caPath), timeoutSeconds: Self.timeout)
            let failure = try #require(await Self.failure(delivery))
            #expect(failure.description.contains("certificate does not name 127.0.0.1"))
            #expect(failure.description.contains("(verify: IP address mismatch)"))
            #expect(relay.mails.isEmpty)
        }
    }

    @Test("a wrong password: the AUTH error names the reply and the options, never the password")
    func wrongPassword() async throws {
        try await self.withRelay(isTLS: true) { relay, caPath in
            let wrong = "wr0ng-Secret-value"
            let delivery = NetworkNoticeDelivery(
                smtpRelay: ListenAddress(host: "localhost", port: relay.port), smtpTLS: .required,
                smtpCredentials: SMTPCredentials(user: Self.user, password: wrong),
                webhookTrust: WebhookTrust(caFile: caPath), timeoutSeconds: Self.timeout)
            let failure = try #require(await Self.failure(delivery))
            guard case .smtpAuthenticationRejected(let relayName, let code, _) = failure else {
                Issue.record("expected an AUTH failure, got \(failure)")
                return
            }
            #expect(relayName == "localhost:\(relay.port)")
            #expect(code == 535)
            #expect(failure.description.contains("rejected AUTH: check --smtp-user/--smtp-password-file (535"))
            let base64 = Data(wrong.utf8).base64EncodedString()
            for text in [failure.description, String(reflecting: failure), "\(failure)"] {
                #expect(!text.contains(wrong))
                #expect(!text.contains(base64))
            }
            #expect(relay.authAttempts == ["PLAIN fail"])
            #expect(relay.mails.isEmpty)
        }
    }

    @Test("credentials with --smtp-tls none to a non-loopback relay are refused before connecting")
    func credentialsOverPlainRemote() async throws {
        // 192.0.2.0/24 is TEST-NET-1: nothing answers there, so a connection attempt would time out
        // instead of failing with this error.
        let delivery = NetworkNoticeDelivery(
            smtpRelay: ListenAddress(host: "192.0.2.10", port: 25), smtpTLS: .none,
            smtpCredentials: SMTPCredentials(user: Self.user, password: Self.password), timeoutSeconds: Self.timeout)
        let failure = try #require(await Self.failure(delivery))
        #expect(failure == .smtpCredentialsNeedTLS(relay: "192.0.2.10:25"))
        #expect(failure.description.contains("refusing to send SMTP credentials to 192.0.2.10:25"))
        #expect(!failure.description.contains(Self.password))
    }

    @Test("smtp-tls, smtp-user and smtp-password-file: resolved, checked, and the password never printed")
    func configuration() throws {
        try withTemporaryDirectory(prefix: "smtp-config") { directory in
            let passwordFile = directory + "/smtp-password"
            try "\(Self.password)\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
            func resolve(relay: String = "mail.example.com:587", tls: String?, user: String?, file: String?) throws
                -> MonitoringConfiguration
            {
                try MonitoringConfiguration.resolve(
                    metrics: nil, clockFile: nil, notifyInterval: nil, smtpRelay: relay, smtpFrom: nil, smtpTLS: tls,
                    smtpUser: user, smtpPasswordFile: file)
            }
            let configured = try resolve(tls: "required", user: Self.user, file: passwordFile)
            #expect(configured.smtpTLS == .required)
            #expect(configured.smtpCredentials == SMTPCredentials(user: Self.user, password: Self.password))
            #expect(!"\(configured)".contains(Self.password))
            #expect(!String(reflecting: configured).contains(Self.password))
            #expect(try resolve(tls: nil, user: nil, file: nil).smtpTLS == .starttls)
            let loopbackPlain = try resolve(relay: "127.0.0.1:25", tls: "none", user: Self.user, file: passwordFile)
            #expect(loopbackPlain.smtpTLS == .none)
            let emptyFile = directory + "/empty"
            try "\n".write(toFile: emptyFile, atomically: true, encoding: .utf8)
            let refused: [(String?, String?, String?, String)] = [
                ("tls", nil, nil, "smtp-tls"), (nil, Self.user, nil, "smtp-password-file"),
                (nil, nil, passwordFile, "smtp-user"), (nil, Self.user, directory + "/missing", "smtp-password-file"),
                (nil, Self.user, emptyFile, "smtp-password-file"), ("none", Self.user, passwordFile, "smtp-tls"),
            ]
            for (tls, user, file, setting) in refused {
                #expect {
                    try resolve(tls: tls, user: user, file: file)
                } throws: { error in
                    guard case ConfigurationError.invalidValue(let named, _, _) = error else { return false }
                    return named == setting && !"\(error)".contains(Self.password)
                }
            }
        }
    }
}
