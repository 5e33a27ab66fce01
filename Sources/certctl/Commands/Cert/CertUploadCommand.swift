import ArgumentParser
import CertAPI

/// `certctl cert upload`: stores an international certificate (with optional key and chain) or,
/// with `--sm2`, an SM2 dual certificate.
///
/// Role: reads the files, sends one upload call, prints the new entry.
/// Isolation: runs on the command's task.
struct CertUploadCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Upload a certificate (and its key and chain) into the inventory.",
        discussion: """
            Here --cert and --key name the certificate and key to upload; name the client \
            credentials with --client-cert/--client-key or CERTD_CERT/CERTD_KEY.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Name of the entry, unique in the account.")
    var name: String

    @Option(
        name: .customLong("cert"),
        help: ArgumentHelp("Certificate (PEM or DER; SM2: the signing certificate).", valueName: "file"))
    var certificate: String

    @Option(name: .customLong("key"), help: ArgumentHelp("Private key (PEM; SM2: the signing key).", valueName: "file"))
    var privateKey: String?

    @Option(help: ArgumentHelp("Extra chain certificates (PEM).", valueName: "file"))
    var chain: String?

    @Option(help: ArgumentHelp("File holding the passphrase of an encrypted key.", valueName: "file"))
    var passphraseFile: String?

    @Option(name: .customLong("csr"), help: ArgumentHelp("A CSR whose key the certificate uses.", valueName: "csr-id"))
    var csrID: String?

    @Option(help: "Resource group of the entry.")
    var resourceGroup: String?

    @Option(name: .customLong("tag"), help: ArgumentHelp("A label, repeatable.", valueName: "key=value"))
    var tags: [String] = []

    @Flag(help: "Upload an SM2 dual certificate (needs --key, --enc-cert and --enc-key).")
    var sm2 = false

    @Option(name: .customLong("enc-cert"), help: ArgumentHelp("SM2: the encryption certificate.", valueName: "file"))
    var encryptionCertificate: String?

    @Option(name: .customLong("enc-key"), help: ArgumentHelp("SM2: the encryption key.", valueName: "file"))
    var encryptionKey: String?

    @Option(
        name: .customLong("enc-passphrase-file"),
        help: ArgumentHelp("SM2: passphrase file of the encryption key when it differs.", valueName: "file")
    )
    var encryptionPassphraseFile: String?

    func validate() throws {
        if self.sm2 {
            guard self.privateKey != nil, self.encryptionCertificate != nil, self.encryptionKey != nil else {
                throw ValidationError("--sm2 needs --key, --enc-cert and --enc-key.")
            }
            guard self.csrID == nil else { throw ValidationError("--csr cannot be combined with --sm2.") }
        } else {
            guard self.encryptionCertificate == nil, self.encryptionKey == nil, self.encryptionPassphraseFile == nil
            else {
                throw ValidationError("--enc-cert, --enc-key and --enc-passphrase-file need --sm2.")
            }
        }
    }

    func run() async throws {
        let tags = try TagList.parse(self.tags)
        let certificate = try InputFile.bytes(self.certificate)
        let chain = try InputFile.bytes(ifGiven: self.chain)
        let privateKey = try InputFile.bytes(ifGiven: self.privateKey)
        let passphrase = try InputFile.secret(self.passphraseFile)
        let response: UploadCertificateResponse
        if self.sm2 {
            var request = UploadSM2CertificateRequest()
            request.name = self.name
            request.signingCertificate = certificate
            request.signingKey = privateKey
            request.encryptionCertificate = try InputFile.bytes(ifGiven: self.encryptionCertificate)
            request.encryptionKey = try InputFile.bytes(ifGiven: self.encryptionKey)
            request.chain = chain
            request.passphrase = passphrase
            request.encryptionPassphrase = try InputFile.secret(self.encryptionPassphraseFile)
            request.resourceGroup = self.resourceGroup ?? ""
            request.tags = tags
            response = try await CertdConnection.with(self.global) { connection in
                try await connection.certificates.uploadSM2Certificate(request, options: connection.callOptions)
            }
        } else {
            var request = UploadCertificateRequest()
            request.name = self.name
            request.certificate = certificate
            request.chain = chain
            request.privateKey = privateKey
            request.passphrase = passphrase
            request.csrID = self.csrID
            request.resourceGroup = self.resourceGroup ?? ""
            request.tags = tags
            response = try await CertdConnection.with(self.global) { connection in
                try await connection.certificates.uploadCertificate(request, options: connection.callOptions)
            }
        }
        if self.global.json {
            var document = CertificateJSON(response.certificate)
            document.duplicateIDs = response.duplicateIDs
            try Console.printJSON(document)
        } else {
            Console.print("uploaded \(response.certificate.id) (\(response.certificate.name))")
            Console.print(CertificateText.block(response.certificate))
            if !response.duplicateIDs.isEmpty {
                Console.print(
                    "note: the same certificate is also stored as \(response.duplicateIDs.joined(separator: ", "))")
            }
        }
    }
}
