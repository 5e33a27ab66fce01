import ArgumentParser
import CertServer

/// The `certd serve` flags of issue 7: metrics endpoint, notification scheduler, SMTP relay and the
/// testing clock.
///
/// Role: flags only (no environment or config-file layer yet); validated in one place,
/// ``MonitoringConfiguration/resolve(metrics:clockFile:notifyInterval:smtpRelay:smtpFrom:)``.
/// Isolation: a plain value parsed on the main task.
struct MonitoringOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Serve Prometheus metrics over plain HTTP at http://HOST:PORT/metrics; loopback addresses only "
                + "(127.0.0.1:9464). Default: no metrics endpoint.",
            valueName: "host:port"))
    var metrics: String?

    @Option(
        name: .customLong("notify-interval"),
        help: ArgumentHelp(
            "Seconds between two checks for due expiry notifications (fractions allowed). Default 60.",
            valueName: "seconds"))
    var notifyInterval: String?

    @Option(
        name: .customLong("smtp-relay"),
        help: ArgumentHelp(
            "SMTP relay for email notifications (587 for submission with STARTTLS, 25, or a local MTA). "
                + "Default: none, email notifications fail and are retried.",
            valueName: "host:port"))
    var smtpRelay: String?

    @Option(
        name: .customLong("smtp-from"),
        help: ArgumentHelp("Sender address of email notifications. Default certd@localhost.", valueName: "address"))
    var smtpFrom: String?

    @Option(
        name: .customLong("smtp-tls"),
        help: ArgumentHelp(
            "starttls: upgrade with STARTTLS when the relay offers it (default); required: fail a delivery when "
                + "it does not (choose this with --smtp-user); implicit: TLS from the first byte (port 465); none: "
                + "plain SMTP. The relay's certificate must chain to the system bundle or --webhook-ca and name the "
                + "--smtp-relay host.",
            valueName: "starttls|required|implicit|none"))
    var smtpTLS: String?

    @Option(
        name: .customLong("smtp-user"),
        help: ArgumentHelp(
            "Log in to the relay with AUTH PLAIN or LOGIN as this user (needs --smtp-password-file). Credentials "
                + "go only over TLS or to a loopback relay.",
            valueName: "name"))
    var smtpUser: String?

    @Option(
        name: .customLong("smtp-password-file"),
        help: ArgumentHelp(
            "File holding the SMTP password (one line; never pass it on the command line).", valueName: "file"))
    var smtpPasswordFile: String?

    @Option(
        name: .customLong("clock-file"),
        help: ArgumentHelp(
            "Testing option: read certd's wall clock from this file on every use. It holds an ISO-8601 instant "
                + "(2030-01-01T00:00:00Z) or a signed offset in seconds from the system clock (+86400); missing or "
                + "unreadable means the system clock.",
            valueName: "file"))
    var clockFile: String?

    /// Resolves the flags; on failure prints one line on stderr and exits with status 2.
    /// - Returns: the validated configuration.
    /// - Throws: `ExitCode(2)` after printing the problem.
    func resolve() throws -> MonitoringConfiguration {
        do {
            return try MonitoringConfiguration.resolve(
                metrics: self.metrics, clockFile: self.clockFile, notifyInterval: self.notifyInterval,
                smtpRelay: self.smtpRelay, smtpFrom: self.smtpFrom, smtpTLS: self.smtpTLS, smtpUser: self.smtpUser,
                smtpPasswordFile: self.smtpPasswordFile)
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
    }
}
