import ArgumentParser
import CertAPI

/// `certctl tools convert`: PFX/JKS/PKCS#8 to PEM files, or PEM to a PFX/JKS file.
///
/// Isolation: runs on the command's task.
struct ToolsConvertCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert PFX/JKS/PKCS#8 to PEM, or PEM to PFX/JKS.",
        discussion: """
            To pem: writes cert.pem, chain.pem and key.pem (0600) into --out, as far as the input \
            holds them. From pem: --in is the certificate (leaf first), --key its key, and cert.pfx \
            or cert.jks (0600) is written, protected by --output-password-file (else --password-file).
            """
    )

    /// `--from` values.
    enum InputFormat: String, ExpressibleByArgument, CaseIterable {
        case pfx, jks, pkcs8, pem
    }

    /// `--to` values.
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case pem, pfx, jks
    }

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("in"), help: ArgumentHelp("The file to convert.", valueName: "file"))
    var input: String

    @Option(help: "Format of --in.")
    var from: InputFormat

    @Option(help: "Format to write.")
    var to: OutputFormat = .pem

    @Option(help: ArgumentHelp("File holding the store password or key passphrase of the input.", valueName: "file"))
    var passwordFile: String?

    @Option(help: ArgumentHelp("JKS: file holding the key password when it differs.", valueName: "file"))
    var keyPasswordFile: String?

    @Option(name: .customLong("key"), help: ArgumentHelp("From pem: the private key.", valueName: "file"))
    var privateKey: String?

    @Option(help: ArgumentHelp("From pem: extra chain certificates.", valueName: "file"))
    var chain: String?

    @Option(help: ArgumentHelp("From pem: file holding the password of the written PFX/JKS.", valueName: "file"))
    var outputPasswordFile: String?

    @Option(help: "From pem: alias (JKS) or friendly name (PFX) to write.")
    var alias: String?

    @Flag(help: "To pfx: legacy RC2/3DES and SHA-1 encryption for old readers.")
    var legacy = false

    @Option(help: ArgumentHelp("Directory to write into (created if missing).", valueName: "dir"))
    var out: String

    func validate() throws {
        switch (self.from, self.to) {
        case (.pem, .pem): throw ValidationError("--from pem needs --to pfx or --to jks.")
        case (.pem, _):
            guard self.privateKey != nil else { throw ValidationError("--from pem needs --key.") }
            guard self.passwordFile != nil || self.outputPasswordFile != nil else {
                throw ValidationError("--to \(self.to.rawValue) needs --output-password-file (or --password-file).")
            }
        case (_, .pem): break
        default: throw ValidationError("--from \(self.from.rawValue) converts to pem only.")
        }
    }

    /// The JSON of `tools convert`: the files written.
    struct ConvertJSON: Encodable {
        var files: [String: String]
        var alias: String?
    }

    func run() async throws {
        var request = ConvertRequest()
        request.input = try InputFile.bytes(self.input)
        request.from = self.from.wire
        request.to = self.to.wire
        request.password = try InputFile.secret(self.passwordFile)
        request.keyPassword = try InputFile.secret(self.keyPasswordFile)
        request.privateKey = try InputFile.bytes(ifGiven: self.privateKey)
        request.chain = try InputFile.bytes(ifGiven: self.chain)
        request.outputPassword = try InputFile.secret(self.outputPasswordFile)
        request.alias = self.alias ?? ""
        request.legacyEncryption = self.legacy
        let response = try await CertdConnection.with(self.global) { connection in
            try await connection.tools.convert(request, options: connection.callOptions)
        }
        let directory = try OutputDirectory(self.out)
        var files: [String: String] = [:]
        switch self.to {
        case .pem:
            if !response.certificatePEM.isEmpty {
                files["certificate"] = try directory.save("cert.pem", text: response.certificatePEM, .publicFile)
            }
            if !response.chainPEM.isEmpty {
                files["chain"] = try directory.save("chain.pem", text: response.chainPEM, .publicFile)
            }
            if !response.privateKeyPEM.isEmpty {
                files["privateKey"] = try directory.save("key.pem", text: response.privateKeyPEM, .secret)
            }
        case .pfx, .jks:
            guard !response.output.isEmpty else {
                throw CertctlError.unexpectedResponse("the server returned no \(self.to.rawValue) file")
            }
            files["keyStore"] = try directory.save("cert.\(self.to.rawValue)", response.output, .secret)
        }
        if self.global.json {
            try Console.printJSON(ConvertJSON(files: files, alias: response.alias.isEmpty ? nil : response.alias))
        } else {
            var table = TextTable(headers: ["content", "file"])
            table.rows = files.sorted { $0.value < $1.value }.map { [$0.key, $0.value] }
            Console.print(table.render())
            if !response.alias.isEmpty { Console.print("alias: \(response.alias)") }
        }
    }
}

extension ToolsConvertCommand.InputFormat {
    var wire: KeyStoreFormat {
        switch self {
        case .pfx: .pfx
        case .jks: .jks
        case .pkcs8: .pkcs8
        case .pem: .pem
        }
    }
}

extension ToolsConvertCommand.OutputFormat {
    var wire: KeyStoreFormat {
        switch self {
        case .pem: .pem
        case .pfx: .pfx
        case .jks: .jks
        }
    }
}
