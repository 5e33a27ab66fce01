import ArgumentParser
import Foundation

/// The options every certctl command accepts: where certd is, which credentials to present, and
/// how to print.
///
/// Role: parsed once per invocation (through `@OptionGroup`) and turned into a connection by
/// ``CertdConnection``. Flags win over the environment (`CERTD_SERVER`, `CERTD_CA`, `CERTD_CERT`,
/// `CERTD_KEY`), which wins over the local admin credentials in the default data directory.
/// The client certificate and key are `--client-cert`/`--client-key` everywhere, and also
/// `--cert`/`--key` (``ClientCredentialOptions``) in commands where those names do not already mean
/// a file to upload or inspect (`cert upload`, `tools match`, `tools describe`).
/// Isolation: a plain value.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "certd address as HOST:PORT (env CERTD_SERVER; default 127.0.0.1:7443).", valueName: "host:port")
    )
    var server: String?

    @Option(name: .long, help: ArgumentHelp("CA certificate that signed the server (env CERTD_CA).", valueName: "file"))
    var ca: String?

    @Option(
        name: .customLong("client-cert"),
        help: ArgumentHelp(
            "Client certificate to present (env CERTD_CERT); also --cert where that is free.", valueName: "file")
    )
    var clientCertificate: String?

    @Option(
        name: .customLong("client-key"),
        help: ArgumentHelp(
            "Key of the client certificate (env CERTD_KEY); also --key where that is free.", valueName: "file")
    )
    var clientKey: String?

    @Flag(name: .long, help: "Print one JSON document on stdout (errors too).")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for connecting and for each call.", valueName: "seconds"))
    var timeout: Double = 30

    func validate() throws {
        guard self.timeout > 0, self.timeout.isFinite else {
            throw ValidationError("--timeout must be a positive number of seconds.")
        }
        if let server = self.server {
            do {
                _ = try ServerAddress(parsing: server)
            } catch {
                throw ValidationError(error.message)
            }
        }
    }
}
