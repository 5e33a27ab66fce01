import ArgumentParser
import CertAPI

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
