import CertDomain
import Foundation
import Glibc

/// Deploys by running an operator-installed program with the PEM files' paths in its environment.
///
/// The program gets `CERTD_CERT_FILE`, `CERTD_CHAIN_FILE`, `CERTD_FULLCHAIN_FILE`, `CERTD_KEY_FILE`
/// (only when the target receives keys), for SM2 dual entries `CERTD_ENC_CERT_FILE` and
/// `CERTD_ENC_KEY_FILE` (the key only when the target receives keys), and the facts in
/// ``DeploymentExecutors/environment(_:_:)``.
/// The files live in a fresh 0700 directory (key 0600) removed when the program ends.
/// Invariants: key material is only in that directory, never in arguments, environment or logs.
/// Isolation: a value type.
struct CommandDeploymentExecutor: Sendable {
    let programs: ProgramRunner

    func deploy(_ material: DeploymentMaterial, command: String, environment: [String: String])
        async throws(DeploymentFailure)
    {
        var template = Array((NSTemporaryDirectory() + "/certd-deploy-XXXXXX").utf8CString)
        guard let created = mkdtemp(&template) else {
            throw .failed("cannot create a temporary directory: \(String(cString: strerror(errno)))")
        }
        let directory = String(cString: created)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var environment = environment
        var files: [(String, String, String, mode_t)] = [
            ("CERTD_CERT_FILE", "cert.pem", material.certificatePEM, 0o644),
            ("CERTD_CHAIN_FILE", "chain.pem", material.chainPEM, 0o644),
            ("CERTD_FULLCHAIN_FILE", "fullchain.pem", material.fullChainPEM, 0o644),
        ]
        if let key = material.privateKeyPEM { files.append(("CERTD_KEY_FILE", "key.pem", key, 0o600)) }
        if let encryptionCertificate = material.encryptionCertificatePEM {
            files.append(("CERTD_ENC_CERT_FILE", "enc-cert.pem", encryptionCertificate, 0o644))
        }
        if let encryptionKey = material.encryptionPrivateKeyPEM {
            files.append(("CERTD_ENC_KEY_FILE", "enc-key.pem", encryptionKey, 0o600))
        }
        for (variable, name, contents, mode) in files {
            do throws(AtomicFileWriter.Failure) {
                try AtomicFileWriter.write(contents, directory: directory, name: name, mode: mode)
            } catch {
                throw .failed(error.description)
            }
            environment[variable] = directory + "/" + name
        }
        try await self.programs.run(command, environment: environment, workingDirectory: directory)
    }
}
