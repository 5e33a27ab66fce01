import Foundation

/// Certificates made with the `openssl` command line at test time, independent of CertCrypto, so
/// the values certctl prints can be cross-checked against a second implementation.
///
/// Role: a root CA, an RSA leaf with two DNS names signed by it (fixed serial), the leaf's key,
/// an unrelated EC key, and a PFX of leaf + key + root.
/// Isolation: a plain value over files in one directory.
struct CertctlOpenSSLFixtures {
    static let leafSerialHex = "5a17c0ffee"
    static let leafCommonName = "web.certctl.test"
    static let pfxPassword = "pfx-secret"

    let directory: String
    var rootCertificate: String { self.directory + "/root.pem" }
    var leafCertificate: String { self.directory + "/leaf.pem" }
    var leafKey: String { self.directory + "/leaf-key.pem" }
    var otherKey: String { self.directory + "/other-key.pem" }
    var pfx: String { self.directory + "/bundle.pfx" }
    /// The PFX password followed by a newline, as `echo` writes it (certctl strips one newline).
    var pfxPasswordFile: String { self.directory + "/pfx-password.txt" }

    /// Makes every file in `directory`.
    static func make(in directory: String) async throws -> CertctlOpenSSLFixtures {
        let fixtures = CertctlOpenSSLFixtures(directory: directory)
        try
            "subjectAltName=DNS:\(Self.leafCommonName),DNS:www.certctl.test\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
            .write(toFile: directory + "/leaf.ext", atomically: true, encoding: .utf8)
        try "\(Self.pfxPassword)\n".write(toFile: fixtures.pfxPasswordFile, atomically: true, encoding: .utf8)
        try await Self.openssl(
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "root-key.pem", "-out", "root.pem", "-subj", "/CN=certctl Test Root", "-days", "3650",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ],
            in: directory)
        try await Self.openssl(
            [
                "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf-key.pem", "-out", "leaf.csr",
                "-subj", "/O=Certctl Test/CN=\(Self.leafCommonName)",
            ],
            in: directory)
        try await Self.openssl(
            [
                "x509", "-req", "-in", "leaf.csr", "-CA", "root.pem", "-CAkey", "root-key.pem",
                "-set_serial", "0x" + Self.leafSerialHex, "-days", "200", "-sha256", "-extfile", "leaf.ext",
                "-out", "leaf.pem",
            ],
            in: directory)
        try await Self.openssl(
            ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "other-key.pem"],
            in: directory)
        try await Self.openssl(
            [
                "pkcs12", "-export", "-in", "leaf.pem", "-inkey", "leaf-key.pem", "-certfile", "root.pem",
                "-name", "web", "-out", "bundle.pfx", "-passout", "pass:\(Self.pfxPassword)",
            ],
            in: directory)
        return fixtures
    }

    /// SHA-256 fingerprint of a certificate as `openssl x509 -fingerprint -sha256` prints it,
    /// turned into certd's form (lowercase hex, no colons).
    static func fingerprintSHA256(of certificate: String, in directory: String) async throws -> String {
        let output = try await Self.openssl(
            ["x509", "-in", certificate, "-noout", "-fingerprint", "-sha256"], in: directory)
        guard let value = output.split(separator: "=", maxSplits: 1).last else {
            throw ChildProcessError.failed("unexpected openssl output: \(output)")
        }
        return value.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: ":", with: "")
            .lowercased()
    }

    /// The public key (SPKI PEM) of a certificate or of a private key.
    static func publicKey(ofCertificate path: String, in directory: String) async throws -> String {
        try await Self.openssl(["x509", "-in", path, "-noout", "-pubkey"], in: directory)
    }

    static func publicKey(ofPrivateKey path: String, in directory: String) async throws -> String {
        try await Self.openssl(["pkey", "-in", path, "-pubout"], in: directory)
    }

    /// Runs `openssl` and returns its stdout; throws when it fails.
    @discardableResult
    static func openssl(_ arguments: [String], in directory: String) async throws -> String {
        let result = try await ChildProcess.run(
            executable: "/usr/bin/openssl", arguments: arguments, workingDirectory: directory)
        guard result.status == 0 else {
            throw ChildProcessError.failed("openssl \(arguments.joined(separator: " ")) failed: \(result)")
        }
        return result.stdout
    }
}
