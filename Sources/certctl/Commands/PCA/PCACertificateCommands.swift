import ArgumentParser
import CertAPI

/// `certctl pca issue --ca ID (--cn NAME | --csr FILE) [--san ...] [--client-auth] [--days N] [--accept-risk]`.
///
/// Isolation: runs on the command's task.
struct PCAIssueCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue", abstract: "Issue a certificate from an intermediate CA.",
        discussion: """
            More than 365 days needs --accept-risk: a private-CA certificate valid for more than one year \
            raises the damage of a leaked key. The acceptance is recorded in the audit log.
            """)

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Option(help: ArgumentHelp("The issuing intermediate CA id.", valueName: "id"))
    var ca: String

    @Option(help: "Common name (required without --csr).")
    var cn: String?

    @Option(
        name: .customLong("san"),
        help: ArgumentHelp("Subject alternative name, repeatable (a.example, IP:10.0.0.1, ...).", valueName: "name"))
    var sans: [String] = []

    @Option(help: ArgumentHelp("A CSR (PEM or DER): the requester keeps its key.", valueName: "file"))
    var csr: String?

    @Flag(name: .customLong("server-auth"), help: "serverAuth usage (the default when no usage is given).")
    var serverAuth = false

    @Flag(name: .customLong("client-auth"), help: "clientAuth usage.")
    var clientAuth = false

    @Option(help: "Validity in days (1-3650; more than 365 needs --accept-risk).")
    var days: UInt32 = 365

    @Option(help: "Key algorithm of the generated key (default: the CA's; ignored with --csr).")
    var algorithm: CSRCreateCommand.Algorithm?

    @Flag(name: .customLong("accept-risk"), help: "Accept the leak risk of a certificate valid for more than a year.")
    var acceptRisk = false

    func run() async throws {
        let request = IssuePCACertificateRequest(
            caID: self.ca, commonName: self.cn ?? "", sans: self.sans, serverAuth: self.serverAuth,
            clientAuth: self.clientAuth, validityDays: self.days, keyType: self.algorithm?.wire ?? .keyTypeUnspecified,
            csr: try InputFile.bytes(ifGiven: self.csr), acceptRisk: self.acceptRisk)
        let certificate = try await CertdConnection.with(self.global) { connection in
            try await connection.privateCA.issueCertificate(request, options: connection.callOptions)
        }
        try PCAText.printCertificate(certificate, json: self.global.json)
    }
}

/// `certctl pca cert list|get`.
///
/// Isolation: a command namespace.
struct PCACertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert", abstract: "Certificates issued by private CAs.",
        subcommands: [PCACertListCommand.self, PCACertGetCommand.self])
}

/// `certctl pca cert list --ca ID [--status notSynced|uploaded|revoked]`: every page.
///
/// Isolation: runs on the command's task.
struct PCACertListCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the certificates of a CA with their status.")

    /// `--status` values.
    enum Status: String, ExpressibleByArgument, CaseIterable {
        case notSynced, uploaded, revoked

        var wire: PCACertificateStatus {
            switch self {
            case .notSynced: .notSynced
            case .uploaded: .uploaded
            case .revoked: .revoked
            }
        }
    }

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Option(help: ArgumentHelp("The CA id.", valueName: "id"))
    var ca: String

    @Option(help: "Only this status.")
    var status: Status?

    /// The JSON of `pca cert list`.
    struct ListJSON: Encodable {
        var certificates: [PCACertificateJSON]
    }

    func run() async throws {
        let certificates = try await PCAText.allCertificates(self.global, caID: self.ca, status: self.status?.wire)
        if self.global.json {
            try Console.printJSON(ListJSON(certificates: certificates.map(PCACertificateJSON.init)))
        } else {
            Console.print(certificates.isEmpty ? "no certificates" : PCAText.table(certificates))
        }
    }
}

/// `certctl pca cert get ID`: one certificate with its PEM.
///
/// Isolation: runs on the command's task.
struct PCACertGetCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one certificate.")

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Argument(help: "The certificate id, e.g. pcacert-0123456789abcdef.")
    var id: String

    func run() async throws {
        let request = GetPCACertificateRequest(id: self.id)
        let certificate = try await CertdConnection.with(self.global) { connection in
            try await connection.privateCA.getCertificate(request, options: connection.callOptions)
        }
        try PCAText.printCertificate(certificate, json: self.global.json)
    }
}

/// `certctl pca revoke ID [--reason R]`.
///
/// Isolation: runs on the command's task.
struct PCARevokeCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke a certificate (final); the next CRL of its CA lists it.")

    /// `--reason` values (RFC 5280 CRLReason names).
    enum Reason: String, ExpressibleByArgument, CaseIterable {
        case unspecified, keyCompromise, caCompromise, affiliationChanged, superseded, cessationOfOperation
        case certificateHold, privilegeWithdrawn, aaCompromise

        var wire: PCARevocationReason {
            switch self {
            case .unspecified: .unspecified
            case .keyCompromise: .keyCompromise
            case .caCompromise: .caCompromise
            case .affiliationChanged: .affiliationChanged
            case .superseded: .superseded
            case .cessationOfOperation: .cessationOfOperation
            case .certificateHold: .certificateHold
            case .privilegeWithdrawn: .privilegeWithdrawn
            case .aaCompromise: .aaCompromise
            }
        }
    }

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Argument(help: "The certificate id.")
    var id: String

    @Option(help: "Why it is revoked.")
    var reason: Reason = .unspecified

    func run() async throws {
        let request = RevokePCACertificateRequest(id: self.id, reason: self.reason.wire)
        let certificate = try await CertdConnection.with(self.global) { connection in
            try await connection.privateCA.revokeCertificate(request, options: connection.callOptions)
        }
        try PCAText.printCertificate(certificate, json: self.global.json)
    }
}

/// `certctl pca reissue ID`: same CA, subject, SANs and term, a new key; a synced entry keeps its id.
///
/// Isolation: runs on the command's task.
struct PCAReissueCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(
        commandName: "reissue", abstract: "Re-issue a certificate with a new key (updates its inventory entry).")

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Argument(help: "The certificate id.")
    var id: String

    func run() async throws {
        let request = ReissuePCACertificateRequest(id: self.id)
        let certificate = try await CertdConnection.with(self.global) { connection in
            try await connection.privateCA.reissueCertificate(request, options: connection.callOptions)
        }
        try PCAText.printCertificate(certificate, json: self.global.json)
    }
}

/// `certctl pca crl --ca ID --out FILE [--pem|--der]`: publishes and saves a new CRL.
///
/// Isolation: runs on the command's task.
struct PCACRLCommand: PCALeafCommand {
    static let configuration = CommandConfiguration(
        commandName: "crl", abstract: "Publish a new CRL of a CA and save it (PEM by default).")

    @OptionGroup var pcaOptions: PCAGlobalOptions

    @Option(help: ArgumentHelp("The CA id.", valueName: "id"))
    var ca: String

    @Option(help: ArgumentHelp("Where to write the CRL.", valueName: "file"))
    var out: String

    @Flag(help: "Write PEM (the default) or DER.")
    var format: Format = .pem

    /// `--pem` / `--der`.
    enum Format: String, EnumerableFlag {
        case pem, der
    }

    /// The JSON of `pca crl`.
    struct CRLJSON: Encodable {
        var caID: String
        var number: UInt64
        var thisUpdate: String
        var nextUpdate: String
        var revokedCount: UInt32
        var path: String
        var format: String
    }

    func run() async throws {
        let request = GetPCACRLRequest(caID: self.ca)
        let crl = try await CertdConnection.with(self.global) { connection in
            try await connection.privateCA.getCRL(request, options: connection.callOptions)
        }
        let path = try PCAText.write(self.format == .pem ? Array(crl.pem.utf8) : crl.der, to: self.out)
        if self.global.json {
            try Console.printJSON(
                CRLJSON(
                    caID: crl.caID, number: crl.number, thisUpdate: crl.thisUpdate.iso8601,
                    nextUpdate: crl.nextUpdate.iso8601, revokedCount: crl.revokedCount, path: path,
                    format: self.format.rawValue))
        } else {
            Console.print(
                "wrote CRL #\(crl.number) of \(crl.caID) (\(crl.revokedCount) revoked, next update "
                    + "\(crl.nextUpdate.iso8601)) to \(path)")
        }
    }
}
