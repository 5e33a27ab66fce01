import Foundation

/// A certificate and its private key in PEM, made once at startup with the `openssl` command line
/// and uploaded many times under different names.
///
/// Role: upload payloads without per-call key generation (which would measure the client).
/// Isolation: a plain value.
struct PEMPair: Sendable {
    var certificate: [UInt8]
    var privateKey: [UInt8]

    /// Makes `count` P-256 leaves signed by one throwaway root, in a temporary directory removed after.
    /// - Throws: ``PEMPairError`` when `openssl` fails or is missing.
    static func generate(count: Int) throws -> [PEMPair] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("certload-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n"
            .write(toFile: directory + "/leaf.ext", atomically: true, encoding: .utf8)
        try Self.openssl(
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                "root-key.pem", "-out", "root.pem", "-subj", "/CN=certload root", "-days", "3650",
            ],
            in: directory)
        var pairs: [PEMPair] = []
        for index in 0..<count {
            try Self.openssl(
                [
                    "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                    "leaf\(index)-key.pem", "-out", "leaf\(index).csr", "-subj", "/CN=load\(index).certload.test",
                ],
                in: directory)
            try Self.openssl(
                [
                    "x509", "-req", "-in", "leaf\(index).csr", "-CA", "root.pem", "-CAkey", "root-key.pem",
                    "-set_serial", "\(1000 + index)", "-days", "365", "-sha256", "-extfile", "leaf.ext", "-out",
                    "leaf\(index).pem",
                ],
                in: directory)
            guard let certificate = FileManager.default.contents(atPath: directory + "/leaf\(index).pem"),
                let key = FileManager.default.contents(atPath: directory + "/leaf\(index)-key.pem")
            else { throw PEMPairError.missingOutput(index: index) }
            pairs.append(PEMPair(certificate: Array(certificate), privateKey: Array(key)))
        }
        return pairs
    }

    private static func openssl(_ arguments: [String], in directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PEMPairError.opensslFailed(
                arguments: arguments, status: process.terminationStatus, stderr: String(decoding: output, as: UTF8.self)
            )
        }
    }
}

/// Why the upload payloads could not be made.
enum PEMPairError: Error {
    case opensslFailed(arguments: [String], status: Int32, stderr: String)
    case missingOutput(index: Int)
}
