/// A new certificate and key for an uploaded entry, replacing the old ones in place.
///
/// Isolation: a value type. `passphrase` is never stored or logged.
public struct CertificateReplacement: Sendable, Equatable {
    /// PEM (leaf, optionally followed by its chain) or one DER certificate.
    public var certificate: [UInt8]
    public var chain: [UInt8]?
    public var privateKey: [UInt8]
    public var passphrase: [UInt8]?

    public init(certificate: [UInt8], chain: [UInt8]? = nil, privateKey: [UInt8], passphrase: [UInt8]? = nil) {
        self.certificate = certificate
        self.chain = chain
        self.privateKey = privateKey
        self.passphrase = passphrase
    }
}

/// What a replacement stored, and the job that redeploys it (nil when it was deployed nowhere).
public struct ReplacementResult: Sendable, Equatable {
    public var entry: CertificateEntry
    public var redeployJob: DeploymentJob?

    public init(entry: CertificateEntry, redeployJob: DeploymentJob?) {
        self.entry = entry
        self.redeployJob = redeployJob
    }
}
