import CertDomain
import Foundation
import Glibc

/// Deploys into a directory under the operator's deployment root: certificate, chain, full chain
/// and key files, each replaced atomically, then an optional reload command.
///
/// Settings of a file target: `directory` (relative to the root; created 0755), `certificateFile`
/// (default `cert.pem`), `chainFile` (`chain.pem`), `fullChainFile` (`fullchain.pem`), `keyFile`
/// (`key.pem`, written only when the target receives keys), for SM2 dual entries also
/// `encryptionCertificateFile` (`enc-cert.pem`) and `encryptionKeyFile` (`enc-key.pem`, with the
/// key's mode, only when the target receives keys), `certificateMode` (octal, default
/// 0644; also chain and full chain), `keyMode` (default 0600), `reloadCommand` (a program in the
/// command directory, run after the files are in place with `CERTD_DIRECTORY` set).
/// Invariants: never writes outside the root (the domain refuses `..` and absolute paths; the
/// resolved path is checked again here); the key file never has a mode wider than asked.
/// Isolation: a value type.
struct FileDeploymentExecutor: Sendable {
    let root: String?
    let programs: ProgramRunner

    /// Writes `material` into `relativeDirectory` with the target's settings.
    func deploy(
        _ material: DeploymentMaterial, relativeDirectory: String, settings: [String: String],
        environment: [String: String]
    ) async throws(DeploymentFailure) {
        guard let root else {
            throw .rejected("file deployment is not enabled; the operator sets deploy-file-root")
        }
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL
        let directory = rootURL.appendingPathComponent(relativeDirectory).standardizedFileURL.path
        guard directory.hasPrefix(rootURL.path + "/") else {
            throw .rejected("the directory \"\(relativeDirectory)\" is outside the deployment root")
        }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        } catch {
            throw .failed("cannot create \(directory): \(error.localizedDescription)")
        }
        let certificateMode = mode_t(settings["certificateMode"].flatMap { UInt16($0, radix: 8) } ?? 0o644)
        let keyMode = mode_t(settings["keyMode"].flatMap { UInt16($0, radix: 8) } ?? 0o600)
        var files: [(String, String, mode_t)] = [
            (settings["certificateFile"] ?? "cert.pem", material.certificatePEM, certificateMode),
            (settings["chainFile"] ?? "chain.pem", material.chainPEM, certificateMode),
            (settings["fullChainFile"] ?? "fullchain.pem", material.fullChainPEM, certificateMode),
        ]
        if let encryptionCertificate = material.encryptionCertificatePEM {
            files.append(
                (settings["encryptionCertificateFile"] ?? "enc-cert.pem", encryptionCertificate, certificateMode))
        }
        // Keys go first: a reader that sees the new certificates also finds their keys.
        if let encryptionKey = material.encryptionPrivateKeyPEM {
            files.insert((settings["encryptionKeyFile"] ?? "enc-key.pem", encryptionKey, keyMode), at: 0)
        }
        if let key = material.privateKeyPEM {
            files.insert((settings["keyFile"] ?? "key.pem", key, keyMode), at: 0)
        }
        for (name, contents, mode) in files {
            do throws(AtomicFileWriter.Failure) {
                try AtomicFileWriter.write(contents, directory: directory, name: name, mode: mode)
            } catch {
                throw .failed(error.description)
            }
        }
        if let reload = settings["reloadCommand"], !reload.isEmpty {
            var environment = environment
            environment["CERTD_DIRECTORY"] = directory
            try await self.programs.run(reload, environment: environment, workingDirectory: directory)
        }
    }
}
