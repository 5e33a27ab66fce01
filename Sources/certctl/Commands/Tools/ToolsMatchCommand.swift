import ArgumentParser
import CertAPI
import CertWire

/// `certctl tools match --cert FILE --key FILE`: whether a certificate and a key belong together.
///
/// Role: exits 0 when they match; when they do not, reports `keyMismatch` like an upload would
/// (exit 3), so scripts can use it as a check.
/// Isolation: runs on the command's task.
struct ToolsMatchCommand: CertctlCommand {
    static let configuration = CommandConfiguration(
        commandName: "match", abstract: "Check that a certificate and a private key match (exit 3 when not).")

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("cert"), help: ArgumentHelp("The certificate (PEM or DER).", valueName: "file"))
    var certificate: String

    @Option(name: .customLong("key"), help: ArgumentHelp("The private key (PEM).", valueName: "file"))
    var privateKey: String

    @Option(help: ArgumentHelp("File holding the passphrase of an encrypted key.", valueName: "file"))
    var passphraseFile: String?

    /// The JSON of `tools match`.
    struct MatchJSON: Encodable {
        var matches: Bool
        var certificateKeyAlgorithm: String
        var certificateKeyFingerprint: String
        var privateKeyAlgorithm: String
        var privateKeyFingerprint: String
    }

    func run() async throws {
        var request = MatchKeyRequest()
        request.certificate = try InputFile.bytes(self.certificate)
        request.privateKey = try InputFile.bytes(self.privateKey)
        request.passphrase = try InputFile.secret(self.passphraseFile)
        let response = try await CertdConnection.with(self.global) { connection in
            try await connection.tools.matchKey(request, options: connection.callOptions)
        }
        guard response.matches else {
            throw CertctlError.rpc(
                RPCError(
                    .invalidArgument,
                    "the key does not match the certificate (certificate key \(response.certificateKeyAlgorithm) "
                        + "\(response.certificateKeyFingerprint), private key \(response.privateKeyAlgorithm) "
                        + "\(response.privateKeyFingerprint))",
                    reason: "keyMismatch"))
        }
        if self.global.json {
            try Console.printJSON(
                MatchJSON(
                    matches: response.matches,
                    certificateKeyAlgorithm: response.certificateKeyAlgorithm,
                    certificateKeyFingerprint: response.certificateKeyFingerprint,
                    privateKeyAlgorithm: response.privateKeyAlgorithm,
                    privateKeyFingerprint: response.privateKeyFingerprint))
        } else {
            Console.print("match: the key belongs to the certificate (\(response.certificateKeyAlgorithm))")
            var block = KeyValueBlock()
            block.add("public key sha256", response.certificateKeyFingerprint)
            Console.print(block.render())
        }
    }
}
