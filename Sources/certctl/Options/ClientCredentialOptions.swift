import ArgumentParser

/// `--cert` and `--key` as names for the client certificate and key, in the commands where those
/// names are free.
///
/// Role: lets `certctl cert list --cert me.pem --key me-key.pem` work as the spec reads, while
/// `cert upload --cert FILE` keeps `--cert` for the certificate being uploaded.
/// Isolation: a plain value.
struct ClientCredentialOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Client certificate to present (env CERTD_CERT).", valueName: "file"))
    var cert: String?

    @Option(name: .long, help: ArgumentHelp("Key of the client certificate (env CERTD_KEY).", valueName: "file"))
    var key: String?
}

extension GlobalOptions {
    /// These options with `--cert`/`--key` filled in as the client credentials when given.
    func merging(_ credentials: ClientCredentialOptions) -> GlobalOptions {
        var merged = self
        merged.clientCertificate = credentials.cert ?? self.clientCertificate
        merged.clientKey = credentials.key ?? self.clientKey
        return merged
    }
}
