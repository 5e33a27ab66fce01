import ArgumentParser

/// The global options of the `pca` commands: as ``GlobalOptions``, except that `--ca` names a
/// private CA there (`pca cert list --ca ID`), so the CA certificate that signed the server is
/// `--server-ca` (or `CERTD_CA`).
///
/// Role: parsed by every `pca` leaf command and turned into ``GlobalOptions`` for ``CertdConnection``.
/// Isolation: a plain value.
struct PCAGlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "certd address as HOST:PORT (env CERTD_SERVER; default 127.0.0.1:7443).", valueName: "host:port"))
    var server: String?

    @Option(
        name: .customLong("server-ca"),
        help: ArgumentHelp("CA certificate that signed the server (env CERTD_CA).", valueName: "file"))
    var serverCA: String?

    @Option(
        name: [.customLong("client-cert"), .customLong("cert")],
        help: ArgumentHelp("Client certificate to present (env CERTD_CERT).", valueName: "file"))
    var clientCertificate: String?

    @Option(
        name: [.customLong("client-key"), .customLong("key")],
        help: ArgumentHelp("Key of the client certificate (env CERTD_KEY).", valueName: "file"))
    var clientKey: String?

    @Flag(name: .long, help: "Print one JSON document on stdout (errors too).")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for connecting and for each call.", valueName: "seconds"))
    var timeout: Double = 30

    func validate() throws {
        guard self.timeout > 0, self.timeout.isFinite else {
            throw ValidationError("--timeout must be a positive number of seconds.")
        }
    }

    /// The same settings as ``GlobalOptions``.
    var global: GlobalOptions {
        var options = GlobalOptions()
        options.server = self.server
        options.ca = self.serverCA
        options.clientCertificate = self.clientCertificate
        options.clientKey = self.clientKey
        options.json = self.json
        options.timeout = self.timeout
        return options
    }
}
