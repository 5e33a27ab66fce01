import ArgumentParser
import CertAPI

/// `certctl cert download ID --out DIR`: writes the entry's certificate, chain and key (0600) as
/// PEM files, or one PFX/JKS file protected by the password from `--password-file`.
///
/// Isolation: runs on the command's task.
struct CertDownloadCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download an entry's certificate, chain and key into a directory.",
        discussion: """
            pem writes cert.pem, chain.pem and key.pem (SM2 also enc-cert.pem and enc-key.pem); \
            pfx and jks write cert.pfx or cert.jks. Key files and key stores are written 0600.
            """
    )

    /// `--format` values.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case pem, pfx, jks
    }

    @OptionGroup var globalOptions: GlobalOptions
    @OptionGroup var credentials: ClientCredentialOptions
    var global: GlobalOptions { self.globalOptions.merging(self.credentials) }

    @Argument(help: "The entry id.")
    var id: String

    @Option(help: ArgumentHelp("Directory to write into (created if missing).", valueName: "dir"))
    var out: String

    @Option(help: "File format.")
    var format: Format = .pem

    @Option(help: ArgumentHelp("File holding the PFX/JKS password.", valueName: "file"))
    var passwordFile: String?

    @Flag(help: "PFX only: legacy RC2/3DES and SHA-1 encryption for old readers.")
    var legacy = false

    func validate() throws {
        if self.format != .pem && self.passwordFile == nil {
            throw ValidationError("--format \(self.format.rawValue) needs --password-file.")
        }
    }

    /// The JSON of `cert download`: what was written where.
    struct DownloadJSON: Encodable {
        var id: String
        var name: String
        var files: [String: String]
    }

    func run() async throws {
        var request = DownloadCertificateRequest()
        request.id = self.id
        request.format =
            switch self.format {
            case .pem: .pem
            case .pfx: .pfx
            case .jks: .jks
            }
        request.password = try InputFile.secret(self.passwordFile)
        request.legacyEncryption = self.legacy
        let response = try await CertdConnection.with(self.global) { connection in
            try await connection.certificates.downloadCertificate(request, options: connection.callOptions)
        }
        let directory = try OutputDirectory(self.out)
        var files: [String: String] = [:]
        switch self.format {
        case .pem:
            files["certificate"] = try directory.save("cert.pem", text: response.certificatePEM, .publicFile)
            if !response.chainPEM.isEmpty {
                files["chain"] = try directory.save("chain.pem", text: response.chainPEM, .publicFile)
            }
            if !response.privateKeyPEM.isEmpty {
                files["privateKey"] = try directory.save("key.pem", text: response.privateKeyPEM, .secret)
            }
            if !response.encryptionCertificatePEM.isEmpty {
                files["encryptionCertificate"] = try directory.save(
                    "enc-cert.pem", text: response.encryptionCertificatePEM, .publicFile)
            }
            if !response.encryptionPrivateKeyPEM.isEmpty {
                files["encryptionPrivateKey"] = try directory.save(
                    "enc-key.pem", text: response.encryptionPrivateKeyPEM, .secret)
            }
        case .pfx, .jks:
            guard !response.keyStore.isEmpty else {
                throw CertctlError.unexpectedResponse("the server returned no \(self.format.rawValue) file")
            }
            files["keyStore"] = try directory.save("cert.\(self.format.rawValue)", response.keyStore, .secret)
        }
        if self.global.json {
            try Console.printJSON(DownloadJSON(id: response.id, name: response.name, files: files))
        } else {
            Console.print("downloaded \(response.id) (\(response.name)) into \(self.out):")
            var table = TextTable(headers: ["content", "file"])
            table.rows = files.sorted { $0.value < $1.value }.map { [$0.key, $0.value] }
            Console.print(table.render())
            if self.format == .pem && files["privateKey"] == nil {
                Console.print("note: certd holds no private key for this entry")
            }
        }
    }
}
