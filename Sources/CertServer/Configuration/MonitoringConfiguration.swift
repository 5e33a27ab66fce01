public import CertDomain
import Foundation

/// The settings of issue 7's server-side parts: metrics endpoint, notification scheduler, SMTP
/// relay, and the testing clock.
///
/// Role: resolved from `certd serve` flags (``resolve(metrics:clockFile:notifyInterval:smtpRelay:smtpFrom:)``)
/// and read by certd's runtime when it wires the scheduler and the metrics endpoint.
/// Invariants: `metrics` is a loopback address when set; `notifyInterval` is 0.05 s...1 day.
/// Isolation: a value type.
public struct MonitoringConfiguration: Sendable, Equatable {
    /// Where the Prometheus endpoint listens; nil: no endpoint.
    public var metrics: ListenAddress?
    /// A clock file for tests (see ``FileWallClock``); nil: the system clock.
    public var clockFile: String?
    /// Real time between two checks of the notification scheduler.
    public var notifyInterval: Duration
    /// The SMTP relay email notices go through; nil: email notices fail (and are retried).
    public var smtpRelay: ListenAddress?
    /// The sender address of email notices.
    public var smtpFrom: String
    /// Whether the relay connection is upgraded with STARTTLS.
    public var smtpTLS: SMTPTLSMode
    /// AUTH credentials (the password read from `--smtp-password-file`); nil: no AUTH.
    public var smtpCredentials: SMTPCredentials?

    public init(
        metrics: ListenAddress? = nil, clockFile: String? = nil, notifyInterval: Duration = .seconds(60),
        smtpRelay: ListenAddress? = nil, smtpFrom: String = "certd@localhost", smtpTLS: SMTPTLSMode = .starttls,
        smtpCredentials: SMTPCredentials? = nil
    ) {
        self.metrics = metrics
        self.clockFile = clockFile
        self.notifyInterval = notifyInterval
        self.smtpRelay = smtpRelay
        self.smtpFrom = smtpFrom
        self.smtpTLS = smtpTLS
        self.smtpCredentials = smtpCredentials
    }

    /// The wall clock the domain should use: the clock file's when set, else the system's.
    public var wallClock: any WallClock {
        if let clockFile { return FileWallClock(path: clockFile) }
        return SystemWallClock()
    }

    /// Validates the flags.
    /// - Parameters:
    ///   - metrics: `HOST:PORT` (loopback only) or nil.
    ///   - clockFile: a path or nil.
    ///   - notifyInterval: seconds (fractions allowed) or nil for 60.
    ///   - smtpRelay: `HOST:PORT` or nil.
    ///   - smtpFrom: an address or nil.
    ///   - smtpTLS: `starttls` (nil), `required`, `implicit` or `none`.
    ///   - smtpUser: the AUTH login name or nil (no AUTH).
    ///   - smtpPasswordFile: the file holding the AUTH password (read here; its trailing newline is
    ///     dropped); required with `smtpUser`.
    /// - Returns: the configuration.
    /// - Throws: ``ConfigurationError`` naming the bad setting (never the password).
    public static func resolve(
        metrics: String?, clockFile: String?, notifyInterval: String?, smtpRelay: String?, smtpFrom: String?,
        smtpTLS: String? = nil, smtpUser: String? = nil, smtpPasswordFile: String? = nil
    ) throws(ConfigurationError) -> MonitoringConfiguration {
        var configuration = MonitoringConfiguration()
        if let metrics {
            let address = try ListenAddress(parsing: metrics)
            try MetricsEndpoint.requireLoopback(address)
            configuration.metrics = address
        }
        if let clockFile {
            guard !clockFile.isEmpty else {
                throw .invalidValue(setting: "clock-file", value: clockFile, expected: "a file path")
            }
            configuration.clockFile = clockFile
        }
        if let notifyInterval {
            guard let seconds = Double(notifyInterval), seconds >= 0.05, seconds <= 86_400 else {
                throw .invalidValue(
                    setting: "notify-interval", value: notifyInterval, expected: "seconds from 0.05 to 86400")
            }
            configuration.notifyInterval = .milliseconds(Int64((seconds * 1000).rounded()))
        }
        if let smtpRelay {
            let address = try ListenAddress(parsing: smtpRelay)
            guard address.port > 0 else {
                throw .invalidValue(setting: "smtp-relay", value: smtpRelay, expected: "HOST:PORT with a port above 0")
            }
            configuration.smtpRelay = address
        }
        if let smtpFrom {
            let parts = smtpFrom.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
                !smtpFrom.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
            else {
                throw .invalidValue(
                    setting: "smtp-from", value: smtpFrom, expected: "an address such as certd@example.com")
            }
            configuration.smtpFrom = smtpFrom
        }
        try self.resolveSMTPSecurity(
            &configuration, tls: smtpTLS, user: smtpUser, passwordFile: smtpPasswordFile)
        return configuration
    }

    private static func resolveSMTPSecurity(
        _ configuration: inout MonitoringConfiguration, tls: String?, user: String?, passwordFile: String?
    ) throws(ConfigurationError) {
        if let tls {
            guard let mode = SMTPTLSMode(rawValue: tls.lowercased()) else {
                throw .invalidValue(setting: "smtp-tls", value: tls, expected: "starttls, required, implicit or none")
            }
            configuration.smtpTLS = mode
        }
        switch (user, passwordFile) {
        case (nil, nil):
            return
        case (.some, nil):
            throw .invalidValue(
                setting: "smtp-password-file", value: "(not set)",
                expected: "a file holding the SMTP password whenever --smtp-user is set")
        case (nil, .some):
            throw .invalidValue(
                setting: "smtp-user", value: "(not set)",
                expected: "the SMTP login name whenever --smtp-password-file is set")
        case (.some(let user), .some(let passwordFile)):
            guard !user.isEmpty, !user.contains(where: { $0.isNewline || $0 == "\u{0}" }) else {
                throw .invalidValue(setting: "smtp-user", value: user, expected: "a login name on one line")
            }
            guard let content = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw .invalidValue(
                    setting: "smtp-password-file", value: passwordFile,
                    expected: "a readable UTF-8 file holding the SMTP password")
            }
            var password = Substring(content)
            while password.last?.isNewline == true { password = password.dropLast() }
            guard !password.isEmpty, !password.contains(where: { $0.isNewline || $0 == "\u{0}" }) else {
                throw .invalidValue(
                    setting: "smtp-password-file", value: passwordFile,
                    expected: "a file holding the SMTP password on one line (it is empty or has several lines)")
            }
            configuration.smtpCredentials = SMTPCredentials(user: user, password: String(password))
        }
        if configuration.smtpTLS == .none, let relay = configuration.smtpRelay,
            !SMTPClient(host: relay.host, port: relay.port, from: "").isLoopbackRelay
        {
            throw .invalidValue(
                setting: "smtp-tls", value: "none",
                expected: "starttls or required when --smtp-user is set and the relay \(relay) is not loopback "
                    + "(credentials are never sent in plain text)")
        }
    }
}
