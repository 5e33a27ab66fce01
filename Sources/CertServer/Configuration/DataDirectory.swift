import Foundation

/// The files certd keeps in its data directory, and the rule that they are private to the owner.
///
/// Role: one place that names every file, so `certd init`, `certd serve` and the tests agree.
/// Invariant: the directory is mode 0700 and every secret file 0600; files are written to a
/// temporary name and renamed, so a crash never leaves a half-written credential.
public struct DataDirectory: Sendable, Equatable {
    /// The directory's path.
    public var path: String

    public init(path: String) {
        self.path = path
    }

    /// The service CA certificate clients trust (PEM).
    public var caCertificate: String { self.path + "/ca.pem" }
    /// The service CA's private key (PKCS#8 PEM); only certd reads it, to issue credentials.
    public var caKey: String { self.path + "/ca-key.pem" }
    /// The server certificate for localhost and 127.0.0.1, with the CA after it (PEM).
    public var serverCertificate: String { self.path + "/server.pem" }
    /// The server's private key (PKCS#8 PEM).
    public var serverKey: String { self.path + "/server-key.pem" }
    /// The admin client certificate that `certctl` uses by default (PEM).
    public var adminCertificate: String { self.path + "/admin.pem" }
    /// The admin client key (PKCS#8 PEM).
    public var adminKey: String { self.path + "/admin-key.pem" }
    /// The 256-bit master key that seals every private key at rest.
    public var masterKey: String { self.path + "/master.key" }
    /// The LMDB environment's directory.
    public var store: String { self.path + "/store" }

    /// Whether certd has initialised this directory (its CA exists).
    public var isInitialised: Bool {
        FileManager.default.fileExists(atPath: self.caCertificate)
    }

    /// Creates the directory (and parents) with mode 0700 if it does not exist.
    /// - Throws: the file system's error.
    public func create() throws {
        try FileManager.default.createDirectory(
            atPath: self.path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: self.path)
    }

    /// Writes `contents` to `file` with mode 0600, atomically (temporary file, then rename).
    /// - Parameters:
    ///   - contents: the bytes to write.
    ///   - file: the destination path.
    /// - Throws: the file system's error; the destination is then untouched.
    public func writePrivateFile(_ contents: [UInt8], to file: String) throws {
        let temporary = file + ".tmp-\(UInt64.random(in: 0...UInt64.max))"
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600])
        else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary])
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            try handle.write(contentsOf: contents)
            try handle.synchronize()
            try handle.close()
            if rename(temporary, file) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file])
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }
}
